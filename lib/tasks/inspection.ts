import { z } from "zod/mini";

import { lazySchema } from "@/lib/lazy-schema";
import type { TaskView } from "@/lib/tasks/task-view-schema";

/** The support staff's questions about one task: do the two levels agree, is it stuck, how long did each step take. */

export const DEFAULT_STUCK_AFTER_MS = 10 * 60_000;
/** Generations take 1-5 minutes; beyond these a step stands out. */
export const LONG_QUEUE_MS = 2 * 60_000;
export const LONG_GENERATION_MS = 5 * 60_000;
export const LONG_GATEWAY_LAG_MS = 60_000;

export const disagreementSchema = lazySchema(() =>
  z.object({ platform: z.string(), upstream: z.string(), message: z.string() }),
);
export type Disagreement = z.infer<typeof disagreementSchema>;

/** The platform and DashScope say different things: worth showing, often the answer to "why still running?". */
export function levelsDisagreement(view: TaskView): Disagreement | null {
  const upstream = view.upstreamStatus;
  if (!upstream) return null;
  const platform = view.status;
  const pair = { platform: platform.value, upstream: upstream.value };
  if (!platform.terminal && upstream.terminal) {
    return {
      ...pair,
      message: `The platform still says ${platform.label.toLowerCase()}, but DashScope already ${
        upstream.value === "SUCCEEDED" ? "finished the video" : `reports ${upstream.label.toLowerCase()}`
      }. The gateway has not caught up yet.`,
    };
  }
  if (platform.terminal && !upstream.terminal) {
    return {
      ...pair,
      message: `The platform says ${platform.label.toLowerCase()} while DashScope still reports ${upstream.label.toLowerCase()}${
        view.failure?.category === "gateway_timeout" ? ": the gateway stopped waiting (its own timeout)" : ""
      }.`,
    };
  }
  if (platform.value === "SUCCESS" && upstream.value !== "SUCCEEDED") {
    return { ...pair, message: `The platform says succeeded while DashScope reports ${upstream.label.toLowerCase()}.` };
  }
  if (platform.value === "FAILURE" && upstream.value === "SUCCEEDED") {
    return { ...pair, message: "The platform says failed while DashScope reports the video succeeded." };
  }
  return null;
}

/**
 * When the task last visibly changed: the latest change Paddock saw, or the latest phase either
 * clock reports, whichever is later.
 */
export function lastChangeAt(view: TaskView, lastObservedChange: number | null): number | null {
  const clocks = [
    view.platformTimes.submittedAt,
    view.platformTimes.startedAt,
    view.upstreamTimes?.submittedAt ?? null,
    view.upstreamTimes?.scheduledAt ?? null,
    view.upstreamTimes?.endedAt ?? null,
    lastObservedChange,
  ].filter((at): at is number => at !== null);
  return clocks.length === 0 ? null : Math.max(...clocks);
}

export const stuckFlagSchema = lazySchema(() =>
  z.object({ since: z.number(), forMs: z.number(), thresholdMs: z.number() }),
);
export type StuckFlag = z.infer<typeof stuckFlagSchema>;

export function stuckFlag(
  view: TaskView,
  lastObservedChange: number | null,
  now: number,
  thresholdMs = DEFAULT_STUCK_AFTER_MS,
): StuckFlag | null {
  if (view.status.terminal) return null;
  const since = lastChangeAt(view, lastObservedChange);
  if (since === null || now - since <= thresholdMs) return null;
  return { since, forMs: now - since, thresholdMs };
}

export type TimelineClock = "platform" | "upstream";

export interface TimelineEvent {
  key: string;
  clock: TimelineClock;
  label: string;
  at: number;
}

/** Every phase of both clocks on one axis, oldest first. */
export function timelineEvents(view: TaskView): TimelineEvent[] {
  const events: Array<TimelineEvent | null> = [
    at("platform-submitted", "platform", "Submitted to the platform", view.platformTimes.submittedAt),
    at("upstream-submitted", "upstream", "Submitted to DashScope", view.upstreamTimes?.submittedAt ?? null),
    at("upstream-scheduled", "upstream", "Scheduled by DashScope", view.upstreamTimes?.scheduledAt ?? null),
    at("platform-started", "platform", "Platform noticed it started", view.platformTimes.startedAt),
    at("upstream-ended", "upstream", "DashScope ended", view.upstreamTimes?.endedAt ?? null),
    at("platform-finished", "platform", "Platform reported the finish", view.platformTimes.finishedAt),
  ];
  return events.filter((event): event is TimelineEvent => event !== null).sort((a, b) => a.at - b.at);
}

function at(key: string, clock: TimelineClock, label: string, time: number | null): TimelineEvent | null {
  return time === null ? null : { key, clock, label, at: time };
}

export interface StepDuration {
  key: "queueWait" | "generation" | "gatewayLag" | "total";
  label: string;
  ms: number | null;
  long: boolean;
}

export function stepDurations(view: TaskView): StepDuration[] {
  const { queueWaitMs, generationMs, gatewayLagMs, totalMs } = view.durations;
  return [
    { key: "queueWait", label: "Queue wait", ms: queueWaitMs, long: (queueWaitMs ?? 0) > LONG_QUEUE_MS },
    { key: "generation", label: "Generation", ms: generationMs, long: (generationMs ?? 0) > LONG_GENERATION_MS },
    { key: "gatewayLag", label: "Gateway lag", ms: gatewayLagMs, long: (gatewayLagMs ?? 0) > LONG_GATEWAY_LAG_MS },
    { key: "total", label: "Total", ms: totalMs, long: false },
  ];
}
