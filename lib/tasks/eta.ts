import { z } from "zod/mini";

import { lazySchema } from "@/lib/lazy-schema";
import { taskPhases } from "@/lib/tasks/phases";
import type { TaskView } from "@/lib/tasks/task-view-schema";

/**
 * How long an active task is likely to take, from the team's own finished tasks: the median and
 * 90th percentile of queue wait and generation time of similar tasks (same kind, tier and
 * duration; coarser groups when fewer than `ETA_MIN_SAMPLES` are alike; the documented one to
 * five minutes when the history is too short). Pure: the server picks the group, the browser
 * counts down with its own clock.
 */

export const ETA_MIN_SAMPLES = 10;
export const ETA_BASES = ["kind, tier and duration", "kind and tier", "kind", "every kind", "documented"] as const;

export const etaEstimateSchema = lazySchema(() =>
  z.object({
    queueP50Ms: z.number(),
    queueP90Ms: z.number(),
    generationP50Ms: z.number(),
    generationP90Ms: z.number(),
    /** The 90th percentile of the whole (queue and generation together: less than the two added). */
    totalP90Ms: z.number(),
    /** Which tasks it comes from, and how many. */
    basis: z.enum(ETA_BASES),
    samples: z.number(),
  }),
);
export type EtaEstimate = z.infer<typeof etaEstimateSchema>;

/** What the gateway documents ("a generation takes 1-5 minutes"), for a team without history. */
export const DOCUMENTED_ESTIMATE: EtaEstimate = {
  queueP50Ms: 15_000,
  queueP90Ms: 60_000,
  generationP50Ms: 165_000,
  generationP90Ms: 240_000,
  totalP90Ms: 300_000,
  basis: "documented",
  samples: 0,
};

/** A group of finished tasks' percentiles, keyed as `kind|tier|seconds` with `*` for "any". */
export interface EtaGroup {
  key: string;
  samples: number;
  queueP50Ms: number;
  queueP90Ms: number;
  generationP50Ms: number;
  generationP90Ms: number;
  totalP90Ms: number;
}

/** What is known of an active task: its kind, and its tier and duration once the gateway says. */
export interface EtaSubject {
  action: string | null;
  tier: number | null;
  seconds: number | null;
}

/** The finest group with enough finished tasks, else the documented range. */
export function pickEstimate(groups: ReadonlyMap<string, EtaGroup>, subject: EtaSubject): EtaEstimate {
  const { action, tier, seconds } = subject;
  const tries: Array<[string | null, EtaEstimate["basis"]]> = [
    [action && tier !== null && seconds !== null ? `${action}|${tier}|${seconds}` : null, "kind, tier and duration"],
    [action && tier !== null ? `${action}|${tier}|*` : null, "kind and tier"],
    [action ? `${action}|*|*` : null, "kind"],
    ["*|*|*", "every kind"],
  ];
  for (const [key, basis] of tries) {
    const group = key ? groups.get(key) : undefined;
    if (group && group.samples >= ETA_MIN_SAMPLES) {
      const { samples, queueP50Ms, queueP90Ms, generationP50Ms, generationP90Ms, totalP90Ms } = group;
      return { queueP50Ms, queueP90Ms, generationP50Ms, generationP90Ms, totalP90Ms, basis, samples };
    }
  }
  return DOCUMENTED_ESTIMATE;
}

export type EtaReading =
  | { state: "left"; likelyMs: number; atMostMs: number }
  | { state: "overdue"; phase: "queued" | "generating"; usualMaxMs: number }
  | { state: "finishing" };

/** Time left for an active task now, or that it is running past what 9 in 10 similar tasks took. */
export function readEta(view: TaskView, estimate: EtaEstimate, now: number): EtaReading | null {
  if (view.status.terminal) return null;
  const current = taskPhases(view, now).find((phase) => phase.state === "current");
  if (!current) return null;
  const elapsed = current.durationMs ?? 0;
  if (current.key === "delivered") return { state: "finishing" };
  if (current.key === "queued") {
    if (elapsed > estimate.queueP90Ms) return { state: "overdue", phase: "queued", usualMaxMs: estimate.queueP90Ms };
    // At most: the whole's 90th percentile less the wait so far, and never less than a generation's.
    return {
      state: "left",
      likelyMs: Math.max(0, estimate.queueP50Ms - elapsed) + estimate.generationP50Ms,
      atMostMs: Math.max(estimate.totalP90Ms - elapsed, estimate.generationP90Ms),
    };
  }
  if (elapsed > estimate.generationP90Ms) {
    return { state: "overdue", phase: "generating", usualMaxMs: estimate.generationP90Ms };
  }
  return {
    state: "left",
    likelyMs: Math.max(0, estimate.generationP50Ms - elapsed),
    atMostMs: Math.max(0, estimate.generationP90Ms - elapsed),
  };
}
