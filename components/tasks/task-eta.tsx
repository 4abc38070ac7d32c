"use client";

import { ClockIcon, HourglassIcon } from "lucide-react";

import { useNow } from "@/components/hooks/use-now";
import { formatNumber } from "@/lib/format/number";
import { type EtaEstimate, readEta } from "@/lib/tasks/eta";
import type { TaskView } from "@/lib/tasks/task-view-schema";
import { formatClock } from "@/lib/tasks/time";

const BASIS_TEXT = {
  "kind, tier and duration": "finished tasks of the same kind, tier and duration",
  "kind and tier": "finished tasks of the same kind and tier",
  kind: "finished tasks of the same kind",
  "every kind": "the team's finished tasks",
  documented: "",
} as const satisfies Record<EtaEstimate["basis"], string>;

/**
 * "About 1 min 20 s left, at most 2 min 40 s", from similar finished tasks, counted down here
 * (this element ticks, not the card); or, honestly, that the task runs past what 9 in 10 took.
 */
export function TaskEta({ view, eta }: { view: TaskView; eta: EtaEstimate }) {
  const now = useNow();
  const reading = readEta(view, eta, now);
  if (!reading) return null;
  const source =
    eta.basis === "documented"
      ? "The gateway documents 1 to 5 minutes; Paddock learns your own times as tasks finish."
      : `From ${formatNumber(eta.samples)} ${BASIS_TEXT[eta.basis]}.`;
  if (reading.state === "finishing") {
    return (
      <p className="text-xs text-muted-foreground" data-testid="eta" title={source}>
        <ClockIcon className="mr-1 inline size-3.5 align-[-2px]" aria-hidden="true" />
        Finished upstream; the gateway is delivering it.
      </p>
    );
  }
  if (reading.state === "overdue") {
    return (
      <p className="text-xs font-medium text-status-running" data-testid="eta" data-state="overdue" title={source}>
        <HourglassIcon className="mr-1 inline size-3.5 align-[-2px]" aria-hidden="true" />
        {reading.phase === "queued" ? "Waiting" : "Generating"} longer than 9 in 10 similar tasks (they took at most{" "}
        {formatClock(reading.usualMaxMs)}).
      </p>
    );
  }
  return (
    <p className="text-xs text-muted-foreground tabular-nums" data-testid="eta" data-basis={eta.basis} title={source}>
      <ClockIcon className="mr-1 inline size-3.5 align-[-2px]" aria-hidden="true" />
      {reading.likelyMs < 1000 ? "Due any moment" : `About ${formatClock(reading.likelyMs)} left`}, at most{" "}
      {formatClock(Math.max(reading.atMostMs, reading.likelyMs))}
      {eta.basis === "documented" ? " (documented range)" : ""}
    </p>
  );
}
