import type { TaskView } from "@/lib/tasks/task-view-schema";
import { span } from "@/lib/tasks/time";

/**
 * The steps a creator cares about, with durations; the running step is timed up to `now`. A
 * failed task shows the step where it stopped, and no delivery.
 */

export type PhaseKey = "queued" | "generating" | "delivered";
export type PhaseState = "pending" | "current" | "done" | "failed";

export interface Phase {
  key: PhaseKey;
  label: string;
  state: PhaseState;
  durationMs: number | null;
}

export function taskPhases(view: TaskView, now: number): Phase[] {
  const { status, platformTimes, upstreamTimes, durations } = view;
  const terminal = status.terminal;
  const submitted = upstreamTimes?.submittedAt ?? platformTimes.submittedAt;
  const scheduled = upstreamTimes?.scheduledAt ?? platformTimes.startedAt;
  const ended = upstreamTimes?.endedAt ?? null;
  const since = (start: number | null) => (start !== null && now > 0 ? Math.max(0, now - start) : null);
  const generatingStarted = scheduled !== null || status.tone === "running";

  if (view.group === "failed") {
    const stoppedAt = ended ?? platformTimes.finishedAt;
    if (!generatingStarted) {
      return [{ key: "queued", label: "Failed while queued", state: "failed", durationMs: span(submitted, stoppedAt) }];
    }
    return [
      { key: "queued", label: "Queued", state: "done", durationMs: durations.queueWaitMs },
      { key: "generating", label: "Failed while generating", state: "failed", durationMs: span(scheduled, stoppedAt) },
    ];
  }

  const generatingDone = ended !== null || terminal;
  const queued: Phase = {
    key: "queued",
    label: "Queued",
    state: generatingStarted || terminal ? "done" : "current",
    durationMs: generatingStarted || terminal ? durations.queueWaitMs : since(platformTimes.submittedAt ?? submitted),
  };
  const generating: Phase = {
    key: "generating",
    label: "Generating",
    state: generatingDone ? "done" : generatingStarted ? "current" : "pending",
    durationMs: generatingDone ? durations.generationMs : generatingStarted ? since(scheduled) : null,
  };
  const delivered: Phase = {
    key: "delivered",
    label: "Delivered",
    state: terminal ? "done" : ended !== null ? "current" : "pending",
    durationMs: terminal ? durations.gatewayLagMs : ended !== null ? since(ended) : null,
  };
  return [queued, generating, delivered];
}

/** Time since submission: ticking while active, the total once terminal. */
export function elapsedMs(view: TaskView, now: number): number | null {
  if (view.status.terminal) return view.durations.totalMs;
  const start = view.platformTimes.submittedAt;
  return start !== null && now > 0 ? Math.max(0, now - start) : null;
}
