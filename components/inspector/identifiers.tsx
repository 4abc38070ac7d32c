import { CopyButton } from "@/components/tasks/copy-button";
import type { TrackedTask } from "@/lib/api/task-schemas";

interface IdentifiersProps {
  task: TrackedTask;
}

/** The four ids support quotes: two per level. */
export function Identifiers({ task }: IdentifiersProps) {
  const ids = task.view?.ids;
  const rows = [
    ["Platform task id", task.id],
    ["DashScope task id", ids?.upstreamTaskId ?? null],
    ["Platform request id", ids?.requestId ?? null],
    ["DashScope request id", ids?.upstreamRequestId ?? null],
  ] as const;
  return (
    <dl className="flex flex-col gap-2 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="flex flex-col">
          <dt className="text-xs text-muted-foreground">{label}</dt>
          <dd className="flex min-w-0 items-center gap-1">
            {value ? (
              <>
                <code className="truncate font-mono text-xs" title={value}>
                  {value}
                </code>
                <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
              </>
            ) : (
              <span className="text-muted-foreground">—</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
