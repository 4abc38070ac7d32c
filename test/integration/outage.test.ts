import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { FetchTaskResult } from "@/lib/happyhorse/client";
import { openDatabase, type PaddockDb } from "@/lib/server/db";
import { memoryGatewayState } from "@/lib/server/gateway/gateway-store";
import { createUpstreamGuard } from "@/lib/server/gateway/upstream-guard";
import { recordRefresh } from "@/lib/server/tasks/task-service";
import { insertTasks } from "@/lib/server/tasks/task-writes";
import { createWatcher } from "@/lib/server/watcher/watcher";

import { taskWith } from "../unit/fixtures";

/**
 * A ten-minute outage on a simulated clock: ten active tasks. Calling each task once per interval
 * would cost 10 × 40 = 400 calls (and a naive proxy with twenty viewers 8,000); with the back-off
 * and the circuit breaker the watcher sends a bounded handful, and recovers within an interval.
 */

const INTERVAL = 15_000;
const OUTAGE_MS = 10 * 60_000;
const TASKS = Array.from({ length: 10 }, (_, i) => `asyntask_outage${i}`);
const WATCH = { limitMs: 48 * 3_600_000, notFoundGraceMs: 0 };
let db: PaddockDb;

beforeEach(async () => {
  db = await openDatabase(":memory:");
  await insertTasks(db, TASKS, 0, null);
});
afterEach(async () => {
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
  let clock = 1;
  const calls: number[] = [];
  const state = memoryGatewayState();
  const guard = createUpstreamGuard({
    state,
    intervalMs: INTERVAL,
    probeLeaseMs: 1000,
    now: () => clock,
    random: seededRandom(7),
  });
  const fetchTask = async (id: string): Promise<FetchTaskResult> => {
    calls.push(clock);
    if (clock < failUntil) {
      return {
        ok: false,
        error: { code: "unavailable", message: "HTTP 503", ...(retryAfterMs ? { retryAfterMs } : {}) },
      };
    }
    return { ok: true, task: taskWith({ task_id: id, status: "IN_PROGRESS", progress: "50%" }), raw: {} };
  };
  const watcher = createWatcher({
    db,
    instanceId: "outage-test",
    fetchTask: (id) => guard.run(() => fetchTask(id)),
    record: (id, result, at) => recordRefresh(db, id, result, at, WATCH),
    retryAt: async () => (await guard.status()).retryAt,
    intervalMs: INTERVAL,
    callsPerSecond: 5,
    concurrency: 4,
    leaseMs: 1000,
    now: () => clock,
  });
  let recoveredAt: number | null = null;
  for (; clock <= endAt; clock += 250) {
    await watcher.passOnce();
    if (recoveredAt === null && clock >= failUntil && (await guard.status()).state === "ok") recoveredAt = clock;
  }
  return { calls, recoveredAt };
}

describe("a ten-minute gateway outage", () => {
  it("costs a bounded number of gateway calls, and the watcher recovers within about one interval", async () => {
    const { calls, recoveredAt } = await simulate(OUTAGE_MS, OUTAGE_MS + 2 * INTERVAL);
    const duringOutage = calls.filter((at) => at < OUTAGE_MS).length;
    const oncePerInterval = TASKS.length * (OUTAGE_MS / INTERVAL);
    console.info(`Outage of 10 min: ${duringOutage} gateway calls (each task once per interval: ${oncePerInterval}).`);
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
