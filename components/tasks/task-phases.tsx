import { ChevronRightIcon } from "lucide-react";

import type { Phase } from "@/lib/tasks/phases";
import { formatClock, formatDuration } from "@/lib/tasks/time";
import { cn } from "@/lib/utils";

interface TaskPhasesProps {
  phases: Phase[];
}

const PHASE_HINTS = {
  queued: "Waiting for a slot upstream (DashScope's clock when available)",
  generating: "The model at work (DashScope's clock when available)",
  delivered: "How long the gateway took to report the upstream result",
} as const;

export function TaskPhases({ phases }: TaskPhasesProps) {
  return (
    <ol className="flex flex-wrap items-center gap-x-1 gap-y-1 text-xs" aria-label="Phases">
      {phases.map((phase, index) => (
        <li key={phase.key} className="flex items-center gap-1">
          {index > 0 ? <ChevronRightIcon aria-hidden="true" className="size-3 text-muted-foreground" /> : null}
          <span
            title={PHASE_HINTS[phase.key]}
            data-phase={phase.key}
            data-state={phase.state}
            className={cn(
              "rounded px-1.5 py-0.5",
              phase.state === "current" && "bg-status-running/15 font-medium text-foreground",
              phase.state === "done" && "text-foreground",
              phase.state === "failed" && "bg-status-failure/10 font-medium text-foreground",
              phase.state === "pending" && "text-muted-foreground",
            )}
          >
            {phase.label}
            {phase.durationMs !== null ? (
              <span className="ml-1 text-muted-foreground tabular-nums">
                {phase.key === "delivered" && phase.state === "done" ? "+" : ""}
                {phase.state === "current" ? formatClock(phase.durationMs) : formatDuration(phase.durationMs)}
              </span>
            ) : null}
            {phase.state === "current" ? <span className="sr-only"> (in progress)</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
