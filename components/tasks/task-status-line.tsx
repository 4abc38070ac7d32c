import { ClockIcon, EyeOffIcon, SplitIcon, TimerOffIcon } from "lucide-react";

import { StatusBadge } from "@/components/tasks/status-badge";
import { Badge } from "@/components/ui/badge";
import type { TrackedTask } from "@/lib/api/task-schemas";
import { formatDuration } from "@/lib/tasks/time";
import { STOPS } from "@/lib/tasks/watch";

/** A card's first line: the status (or why Paddock stopped), the kind, and the inspector's warnings. */
export function TaskStatusLine({ task }: { task: TrackedTask }) {
  const { view, stopped, inspection } = task;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {stopped ? (
        <Badge variant="outline" className="text-muted-foreground" data-testid="stopped-badge">
          <EyeOffIcon aria-hidden="true" /> {STOPS[stopped.reason].label}
        </Badge>
      ) : view ? (
        <StatusBadge status={view.status} />
      ) : (
        <Badge variant="outline" className="text-muted-foreground">
          <ClockIcon aria-hidden="true" /> Waiting for the first answer
        </Badge>
      )}
      {view ? <span className="text-xs text-muted-foreground">{view.action.label}</span> : null}
      {inspection.disagreement ? (
        <Badge variant="outline" title={inspection.disagreement.message} data-testid="disagreement-badge">
          <SplitIcon aria-hidden="true" /> Levels disagree
        </Badge>
      ) : null}
      {inspection.stuck ? (
        <Badge
          variant="outline"
          title={`No change for ${formatDuration(inspection.stuck.forMs)}`}
          data-testid="stuck-badge"
        >
          <TimerOffIcon aria-hidden="true" /> Probably stuck
        </Badge>
      ) : null}
    </div>
  );
}
