import { expect, it } from "vitest";

import type { FetchTaskResult } from "@/lib/happyhorse/client";
import { recordRefresh } from "@/lib/server/tasks/task-service";
import { insertTasks } from "@/lib/server/tasks/task-writes";
import { claimDueTasks } from "@/lib/server/watcher/watch-store";
import { createWatcher } from "@/lib/server/watcher/watcher";

import { describeEachDialect } from "../support/dialects";
import { taskWith } from "../unit/fixtures";

/**
 * The watcher's schedule on a simulated clock, on both stores: a task's next check is timed from
 * the start of its call (a slow gateway does not stretch the period), a new task is checked at
 * once, and when the budget cannot keep up the interval stretches to active tasks ÷ budget.
 */

const WATCH = { limitMs: 48 * 3_600_000, notFoundGraceMs: 0 };

function watcherOn(
  db: Parameters<typeof createWatcher>[0]["db"],
  options: { clock: { now: number }; latencyMs: number; intervalMs: number; callsPerSecond: number; id: string },
) {
  const calls: Array<{ id: string; at: number }> = [];
  const watcher = createWatcher({
    db,
    instanceId: options.id,
    fetchTask: async (id): Promise<FetchTaskResult> => {
      calls.push({ id, at: options.clock.now });
      // The gateway takes its time: the clock moves while the call is out.
      options.clock.now += options.latencyMs;
      return { ok: true, task: taskWith({ task_id: id, status: "IN_PROGRESS", progress: "50%" }), raw: {} };
    },
    record: (id, result, at) => recordRefresh(db, id, result, at, WATCH),
    retryAt: async () => null,
    intervalMs: options.intervalMs,
    callsPerSecond: options.callsPerSecond,
    concurrency: 1,
    leaseMs: 5_000,
    now: () => options.clock.now,
  });
  return { watcher, calls };
}

describeEachDialect("the watcher's schedule", (db, dialect) => {
  it("checks a new task at once, then once per interval timed from the start of each call", async () => {
    const ids = [`asyntask_schedule${dialect}`];
    const clock = { now: 1_000_000 };
    await insertTasks(db(), ids, clock.now, null);
    const { watcher, calls } = watcherOn(db(), {
      clock,
      latencyMs: 700,
      intervalMs: 2_000,
      callsPerSecond: 20,
      id: "schedule",
    });
    for (let step = 0; step < 60; step += 1) {
      await watcher.passOnce();
      clock.now += 100;
    }
    const own = calls.filter((call) => call.id === ids[0]);
    expect(own[0]?.at).toBe(1_000_000);
    const periods = own.slice(1).map((call, index) => call.at - (own[index]?.at ?? 0));
    expect(periods.length).toBeGreaterThanOrEqual(3);
    // 2 s apart, not 2 s plus the gateway's 0.7 s (at most one 100 ms step late).
    for (const period of periods) expect(period).toBeGreaterThanOrEqual(2_000);
    for (const period of periods) expect(period).toBeLessThanOrEqual(2_100);
    expect(watcher.status().effectiveIntervalMs).toBe(2_000);
    await watcher.stop();
  });

  it("stretches the interval to active tasks ÷ budget when the budget cannot keep up", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `asyntask_stretch${dialect}${i}`);
    const clock = { now: 5_000_000 };
    await insertTasks(db(), ids, clock.now, null);
    const { watcher } = watcherOn(db(), {
      clock,
      latencyMs: 0,
      intervalMs: 1_000,
      callsPerSecond: 2,
      id: "stretch",
    });
    await watcher.passOnce();
    // Eleven active tasks (this test's ten and the last test's one) at two calls a second.
    expect(watcher.status().effectiveIntervalMs).toBe(5_500);
    // The task it just checked is next due a stretched interval later.
    const due = await claimDueTasks(db(), {
      owner: "probe",
      now: clock.now + 5_499,
      limit: 100,
      leaseUntil: clock.now + 6_000,
      nextCheckAt: clock.now + 20_000,
    });
    expect(due).not.toContain(ids[0]);
    await watcher.stop();
  });
});
