import "server-only";

import type { DerivedColumns } from "@/lib/server/tasks/task-store";
import type { TaskView } from "@/lib/tasks/task-view-schema";
import type { StopReason } from "@/lib/tasks/watch";

/** Bumped whenever the normalization changes what a stored answer derives to; stale rows are derived again. */
export const DERIVATION_VERSION = 4;

/**
 * The columns the board filters and the usage review aggregate, derived from a task's view. A
 * task Paddock stopped watching stays in its own group, and is never fetched again.
 */
export function derivedColumns(view: TaskView, stopped: StopReason | null = null): DerivedColumns {
  return {
    status: view.status.value,
    status_group: stopped ?? view.group,
    upstream_status: view.upstreamStatus?.value ?? null,
    action: view.action.value || null,
    progress: view.progress,
    prompt: view.prompt,
    submitted_at: wholeMs(view.platformTimes.submittedAt),
    finished_at: wholeMs(view.platformTimes.finishedAt),
    terminal: stopped || view.status.terminal ? 1 : 0,
    failure_category: view.failure?.category ?? null,
    resolution_tier: view.usage?.resolutionTier ?? null,
    billed_seconds: view.usage?.billedSeconds ?? null,
    delivered_seconds: view.usage?.outputSeconds ?? null,
    input_seconds: view.usage?.inputSeconds ?? null,
    ratio: view.usage?.ratio ?? null,
    has_video: view.video ? 1 : 0,
    queue_wait_ms: wholeMs(view.durations.queueWaitMs),
    generation_ms: wholeMs(view.durations.generationMs),
    derived_version: DERIVATION_VERSION,
  };
}

/** Times and durations are stored as whole milliseconds (a bigint on PostgreSQL). */
function wholeMs(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}
