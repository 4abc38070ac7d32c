import { sql } from "kysely";
import { expect, it } from "vitest";

import type { FetchTaskResult } from "@/lib/happyhorse/client";
import type { PaddockDb } from "@/lib/server/db";
import { recordRefresh } from "@/lib/server/tasks/task-service";
import { insertTasks } from "@/lib/server/tasks/task-writes";
import { markViewed } from "@/lib/server/watcher/watch-store";
import { createWatcher } from "@/lib/server/watcher/watcher";

import { describeEachDialect } from "../support/dialects";
import { taskWith } from "../unit/fixtures";

/**
 * The attack: one token tracks thousands of tasks and everyone else's refreshes wait behind them.
 * With 20,000 tasks overdue, a newly added task and a task someone is looking at are asked first,
 * and one principal's mass add shares the first checks with another principal's single task.
 * (How many seconds that takes on this machine is measured by `npm run bench`, not asserted here.)
 */

const WATCH = { limitMs: 48 * 3_600_000, notFoundGraceMs: 0 };
const BACKLOG = 20_000;
const CONCURRENCY = 4;
const SPACING_MS = 400;

function recordingWatcher(db: PaddockDb, clock: { now: number }) {
  const calls: string[] = [];
  const watcher = createWatcher({
    db,
    instanceId: "fair",
    fetchTask: async (id): Promise<FetchTaskResult> => {
      calls.push(id);
      clock.now += 50;
      return { ok: true, task: taskWith({ task_id: id, status: "RUNNING", progress: "10%" }), raw: {} };
    },
    record: (id, result, at) => recordRefresh(db, id, result, at, WATCH),
    retryAt: async () => null,
    intervalMs: 15_000,
    callsPerSecond: 5,
    concurrency: CONCURRENCY,
    leaseMs: 5_000,
    now: () => clock.now,
  });
  return { watcher, calls };
}

/** 20,000 tasks checked long ago and overdue since: the backlog (one statement, on either store). */
async function seedBacklog(db: PaddockDb, prefix: string, at: number, checked = true) {
  await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${BACKLOG - 1})
    insert into tasks (id, added_at, status_group, added_by, checked_at, next_check_at, version)
    select ${`task_${prefix}`} || cast(i as varchar(10)), ${at - 600_000}, 'active', 'token:flood',
      ${checked ? at - 500_000 : null}, ${at - 400_000}, 0
    from n`.execute(db);
  return { last: `task_${prefix}${BACKLOG - 1}` };
}

describeEachDialect("fair refresh order", (db, dialect) => {
  it("with 20,000 tasks overdue, a new task and a watched task are asked before the backlog", async () => {
    const clock = { now: 5_000_000_000 };
    const backlog = await seedBacklog(db(), `Back${dialect}`, clock.now);
    expect(await countTasks(db())).toBeGreaterThanOrEqual(BACKLOG);
    const { watcher, calls } = recordingWatcher(db(), clock);
    await watcher.passOnce(); // the watcher is busy with the backlog
    expect(calls).toHaveLength(CONCURRENCY);

    const fresh = `task_Fresh${dialect}000000000000000000000001`;
    await insertTasks(db(), [fresh], clock.now, null, "person:someone", SPACING_MS);
    const watched = backlog.last;
    await markViewed(db(), [watched], clock.now + 30_000, clock.now + 15_000);
    const before = calls.length;
    await watcher.passOnce();
    // Both are in the very next claim, ahead of 20,000 tasks overdue for minutes.
    expect(calls.slice(before, before + CONCURRENCY)).toEqual(expect.arrayContaining([fresh, watched]));
    expect(await checkedAt(db(), fresh)).not.toBeNull();
  });

  it("with 20,000 tasks waiting for their first check, a task added now is asked first", async () => {
    const clock = { now: 7_000_000_000 };
    await seedBacklog(db(), `Unchecked${dialect}`, clock.now, false);
    const { watcher, calls } = recordingWatcher(db(), clock);
    await watcher.passOnce();
    const fresh = `task_Newest${dialect}000000000000000000000001`;
    await insertTasks(db(), [fresh], clock.now, null, "token:flood", SPACING_MS);
    const before = calls.length;
    await watcher.passOnce();
    expect(calls.slice(before, before + CONCURRENCY)).toContain(fresh);
  });

  it("one principal's mass add shares the first checks: another's single task is not queued behind it", async () => {
    const clock = { now: 6_000_000_000 };
    const flood = Array.from({ length: 1000 }, (_, index) => `task_Flood${dialect}${String(index).padStart(10, "0")}`);
    await insertTasks(db(), flood, clock.now, null, "token:mass", SPACING_MS);
    const { watcher, calls } = recordingWatcher(db(), clock);
    await watcher.passOnce();
    const single = `task_Single${dialect}00000000000000000000001`;
    await insertTasks(db(), [single], clock.now, null, "person:other", SPACING_MS);
    const before = calls.length;
    await watcher.passOnce();
    expect(calls.slice(before, before + CONCURRENCY)).toContain(single);
    // The mass add's first checks are slotted at most at half the budget, not all due at once.
    const due = await sql<{ count: number }>`select count(*) as count from tasks
      where added_by = 'token:mass' and checked_at is null and next_check_at <= ${clock.now}`.execute(db());
    expect(Number(due.rows[0]?.count)).toBeLessThan(10);
  });
});

async function countTasks(db: PaddockDb) {
  const row = await db
    .selectFrom("tasks")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

async function checkedAt(db: PaddockDb, id: string) {
  const row = await db.selectFrom("tasks").select("checked_at").where("id", "=", id).executeTakeFirst();
  return row?.checked_at ?? null;
}
