import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { FetchTaskResult } from "@/lib/happyhorse/client";
import { openDatabase, type PaddockDb } from "@/lib/server/db";
import { createUpstreamGuard } from "@/lib/server/gateway/upstream-guard";
import { createRefresher } from "@/lib/server/tasks/refresher";
import { recordRefresh } from "@/lib/server/tasks/task-service";

const WATCH = { limitMs: 48 * 3_600_000, notFoundGraceMs: 0 };
import { insertTasks, listActiveTasks } from "@/lib/server/tasks/task-store";

import { taskWith } from "../unit/fixtures";

/**
 * A ten-minute outage on a simulated clock: ten active tasks, twenty viewers polling every
 * interval. A naive proxy would call the gateway 20 × 10 × 40 = 8,000 times; Paddock's
 * single-flight refresher alone 400; with the back-off and circuit breaker, a bounded handful.
 */

const INTERVAL = 15_000;
const OUTAGE_MS = 10 * 60_000;
const TASKS = Array.from({ length: 10 }, (_, i) => `asyntask_outage${i}`);
let db: PaddockDb;

beforeAll(async () => {
  db = await openDatabase(":memory:");
  await insertTasks(db, TASKS, 0, null);
});
afterAll(async () => {
  await db.destroy();
});

function seededRandom(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function simulate(failUntil: number, endAt: number, retryAfterMs?: number) {
  let clock = 0;
  const calls: number[] = [];
  const guard = createUpstreamGuard({ intervalMs: INTERVAL, now: () => clock, random: seededRandom(7) });
  const fetchTask = async (id: string): Promise<FetchTaskResult> => {
    calls.push(clock);
    if (clock < failUntil) {
      return {
        ok: false,
        error: { code: "unavailable", message: "HTTP 503", ...(retryAfterMs ? { retryAfterMs } : {}) },
      };
    }
    const task = taskWith({ task_id: id, status: "IN_PROGRESS", progress: "50%" });
    return { ok: true, task, raw: { code: "success", data: task } };
  };
  const refresher = createRefresher({
    record: (id, result, at) => recordRefresh(db, id, result, at, WATCH),
    fetchTask: (id) => guard.run(() => fetchTask(id)),
    intervalMs: INTERVAL,
    concurrency: 4,
    now: () => clock,
  });
  let recoveredAt: number | null = null;
  // Twenty viewers, each polling once per interval at its own phase: one board request per 750 ms.
  for (clock = 1; clock <= endAt; clock += INTERVAL / 20) {
    await refresher.refresh(await listActiveTasks(db), 60_000);
    if (recoveredAt === null && clock >= failUntil && guard.status().state === "ok") recoveredAt = clock;
  }
  return { calls, recoveredAt, status: guard.status() };
}

describe("a ten-minute gateway outage", () => {
  it("costs a bounded number of gateway calls, and Paddock recovers within about one interval", async () => {
    const { calls, recoveredAt } = await simulate(OUTAGE_MS, OUTAGE_MS + 2 * INTERVAL);
    const duringOutage = calls.filter((at) => at < OUTAGE_MS).length;
    const naiveSingleFlight = TASKS.length * (OUTAGE_MS / INTERVAL);
    console.info(
      `Outage of 10 min: ${duringOutage} gateway calls (single-flight alone: ${naiveSingleFlight}; naive proxy with 20 viewers: ${20 * naiveSingleFlight}).`,
    );
    // One probe per half to one interval, plus the first burst before the circuit opened.
    expect(duringOutage).toBeLessThanOrEqual(2 * (OUTAGE_MS / INTERVAL) + 8);
    expect(recoveredAt).not.toBeNull();
    expect((recoveredAt ?? Infinity) - OUTAGE_MS).toBeLessThanOrEqual(INTERVAL);
  });

  it("honours Retry-After", async () => {
    const { calls } = await simulate(60_000, 120_000, 120_000);
    // The first failures say "retry after 120 s": nothing more is sent before then.
    const first = calls[0] ?? 0;
    const afterFirstBurst = calls.filter((at) => at > first + 1000 && at < first + 120_000);
    expect(afterFirstBurst).toEqual([]);
  });
});
