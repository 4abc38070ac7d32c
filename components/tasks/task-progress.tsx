"use client";

import { useNow } from "@/components/hooks/use-now";
import { TONE_BAR } from "@/components/tasks/status-badge";
import { TaskPhases } from "@/components/tasks/task-phases";
import { Progress } from "@/components/ui/progress";
import { elapsedMs, taskPhases } from "@/lib/tasks/phases";
import type { TaskView } from "@/lib/tasks/task-view-schema";
import { formatClock, formatDuration } from "@/lib/tasks/time";

interface TaskProgressProps {
  view: TaskView;
}

/**
 * The progress bar while a task can still move, the phases with their durations, and the time
 * taken. A running task's clock ticks here, each second; a finished one's totals do not move.
 */
export function TaskProgress({ view }: TaskProgressProps) {
  const now = useNow(view.status.terminal ? 60_000 : 1000);
  const elapsed = elapsedMs(view, now);
  // A failed task did not reach 100 %, whatever the gateway writes: its phases say where it stopped.
  const showBar = view.group !== "failed";
  return (
    <div className="flex flex-col gap-2">
      {showBar ? (
        <div className="flex items-center gap-3">
          <Progress
            value={view.progress}
            aria-label="Progress"
            indicatorClassName={TONE_BAR[view.status.tone]}
            className="flex-1"
          />
          <span className="w-10 text-right text-xs tabular-nums">
            {view.progress !== null ? `${view.progress}%` : "—"}
          </span>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <TaskPhases phases={taskPhases(view, now)} />
        {elapsed !== null ? (
          <span className="text-xs text-muted-foreground tabular-nums" data-testid="elapsed">
            {view.status.terminal ? `Total ${formatDuration(elapsed)}` : `Elapsed ${formatClock(elapsed)}`}
          </span>
        ) : null}
      </div>
    </div>
  );
}
