import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/tasks/status-badge";
import type { HistoryEvent } from "@/lib/api/task-schemas";
import { platformStatus, upstreamStatus } from "@/lib/tasks/status";

interface HistoryListProps {
  history: HistoryEvent[];
  tracked: boolean;
}

/** Every status or progress change Paddock observed, newest first. */
export function HistoryList({ history, tracked }: HistoryListProps) {
  if (!tracked) {
    return <p className="text-sm text-muted-foreground">Paddock keeps a history only for the tasks it tracks.</p>;
  }
  if (history.length === 0) return <p className="text-sm text-muted-foreground">No answer observed yet.</p>;
  const newestFirst = [...history].reverse();
  return (
    <ol className="flex flex-col divide-y text-sm" aria-label="History" data-testid="history">
      {newestFirst.map((event, index) => (
        <li key={event.at} className="flex flex-col gap-1 py-2">
          <LocalTime at={event.at} precise={false} className="text-xs text-muted-foreground tabular-nums" />
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={platformStatus(event.status)} />
            {event.upstreamStatus ? (
              <StatusBadge status={upstreamStatus(event.upstreamStatus)} prefix="DashScope" />
            ) : null}
            {event.progress !== null ? <span className="text-xs tabular-nums">{event.progress}%</span> : null}
            {index === newestFirst.length - 1 ? (
              <span className="text-xs text-muted-foreground">first seen</span>
            ) : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
