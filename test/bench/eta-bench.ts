/**
 * ETA calibration on simulated history: finished tasks with spread-out queue and generation
 * times (log-normal, by kind, tier and duration) go into a real store, the ETA's groups are
 * computed by the same SQL as in production, and new tasks from the same distribution are
 * checked against their estimates: the share that finish within their "at most" (the 90th
 * percentile) should be 85-95 %.
 */
import { openDatabase } from "@/lib/server/db";
import { etaGroups } from "@/lib/server/tasks/eta-model";
import { insertTasks } from "@/lib/server/tasks/task-writes";
import { pickEstimate } from "@/lib/tasks/eta";

const KINDS = [
  { action: "generate", tier: 720, seconds: 5, queueMs: 8_000, generationMs: 70_000 },
  { action: "generate", tier: 1080, seconds: 10, queueMs: 15_000, generationMs: 160_000 },
  { action: "referenceGenerate", tier: 720, seconds: 5, queueMs: 10_000, generationMs: 95_000 },
  { action: "omniGenerate", tier: 1080, seconds: 5, queueMs: 20_000, generationMs: 120_000 },
] as const;

/** A seeded generator, so every run measures the same history. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function logNormal(next: () => number, median: number, sigma: number): number {
  const u = Math.max(next(), 1e-9);
  const v = next();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.round(median * Math.exp(sigma * normal));
}

export interface EtaCalibration {
  history: number;
  checked: number;
  /** Share of new tasks done within the estimate's "at most", judged when they are submitted. */
  withinAtSubmission: number;
  /** The same, judged when generation starts. */
  withinOnceGenerating: number;
  goal: string;
}

export async function etaCalibration(history = 400, checked = 2000): Promise<EtaCalibration> {
  const next = random(42);
  const db = await openDatabase(":memory:");
  try {
    const ids = Array.from({ length: history }, (_, index) => `asyntask_Hist${String(index).padStart(5, "0")}`);
    await insertTasks(db, ids, Date.UTC(2026, 10, 1), null);
    for (const [index, id] of ids.entries()) {
      const kind = KINDS[index % KINDS.length] ?? KINDS[0];
      await db
        .updateTable("tasks")
        .set({
          status_group: "succeeded",
          terminal: 1,
          action: kind.action,
          resolution_tier: kind.tier,
          billed_seconds: kind.seconds,
          queue_wait_ms: logNormal(next, kind.queueMs, 0.8),
          generation_ms: logNormal(next, kind.generationMs, 0.3),
          submitted_at: Date.UTC(2026, 10, 1) + index * 60_000,
        })
        .where("id", "=", id)
        .execute();
    }
    const groups = await etaGroups(db, Date.now());
    let atSubmission = 0;
    let onceGenerating = 0;
    for (let index = 0; index < checked; index += 1) {
      const kind = KINDS[index % KINDS.length] ?? KINDS[0];
      // While a task runs the gateway says only its kind: the estimate uses what is known.
      const estimate = pickEstimate(groups, { action: kind.action, tier: null, seconds: null });
      const queue = logNormal(next, kind.queueMs, 0.8);
      const generation = logNormal(next, kind.generationMs, 0.3);
      if (queue + generation <= Math.max(estimate.totalP90Ms, estimate.generationP90Ms)) atSubmission += 1;
      if (generation <= estimate.generationP90Ms) onceGenerating += 1;
    }
    const share = (count: number) => Number((count / checked).toFixed(3));
    return {
      history,
      checked,
      withinAtSubmission: share(atSubmission),
      withinOnceGenerating: share(onceGenerating),
      goal: "0.85-0.95",
    };
  } finally {
    await db.destroy();
  }
}
