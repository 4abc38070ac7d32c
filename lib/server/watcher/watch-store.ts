import "server-only";

import { sql } from "kysely";

import { isPostgres, type PaddockDb } from "@/lib/server/db";

/**
 * What the watcher keeps in the database so that several instances act as one: which task is due
 * when, who holds the lease on it, and who is alive. SQL only.
 */

/** Active, due, and not leased by a live instance. */
const isDue = (now: number) => sql<boolean>`terminal = 0 and coalesce(next_check_at, 0) <= ${now}
  and (lease_until is null or lease_until < ${now})`;

export interface Claim {
  owner: string;
  now: number;
  limit: number;
  leaseUntil: number;
  /** The next check, timed from now (the start of the call), so the real period is the interval. */
  nextCheckAt: number;
}

/**
 * Claims up to `limit` due tasks for `owner`. The order is fair: tasks never checked come first,
 * the most recently added first (so a new task is never queued behind a mass add; a batch's
 * first checks are slotted apart when it is tracked, see `insertTasks`), then tasks someone is
 * looking at, then the backlog, the longest-waiting first. On PostgreSQL concurrent claimers
 * skip each other's rows.
 */
export async function claimDueTasks(db: PaddockDb, claim: Claim): Promise<string[]> {
  const lock = isPostgres(db) ? sql`for update skip locked` : sql``;
  const result = await sql<{ id: string }>`
    update tasks set lease_owner = ${claim.owner}, lease_until = ${claim.leaseUntil},
      next_check_at = ${claim.nextCheckAt}
    where id in (
      select id from tasks where ${isDue(claim.now)}
      order by case when checked_at is null then 0 when viewed_until >= ${claim.now} then 1 else 2 end,
        case when checked_at is null then added_at else 0 end desc,
        coalesce(next_check_at, 0), added_at, id
      limit ${claim.limit} ${lock}
    )
    returning id`.execute(db);
  return result.rows.map((row) => row.id);
}

/** Gives a task back after its call, keeping the next check time set when it was claimed. */
export async function releaseTask(db: PaddockDb, id: string, owner: string) {
  await db
    .updateTable("tasks")
    .set({ lease_owner: null, lease_until: null })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .execute();
}

/** A call that did not happen (the gateway is resting): the task is due again at `at`. */
export async function rescheduleTask(db: PaddockDb, id: string, owner: string, at: number) {
  await db
    .updateTable("tasks")
    .set({ next_check_at: at, lease_owner: null, lease_until: null })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .execute();
}

/** Makes tasks due now (a person asked for them), unless a call for them is under way. */
export async function markDueNow(db: PaddockDb, ids: readonly string[], now: number, viewedUntil: number) {
  if (ids.length === 0) return;
  await db
    .updateTable("tasks")
    .set({ next_check_at: now, viewed_until: viewedUntil })
    .where("id", "in", ids)
    .where("terminal", "=", 0)
    .execute();
}

/**
 * Someone is looking at these tasks until `until`: when the watcher is behind, they are asked
 * before the backlog. Written only when the mark is about to lapse, so a poll rarely writes.
 */
export async function markViewed(db: PaddockDb, ids: readonly string[], until: number, renewBefore: number) {
  if (ids.length === 0) return;
  await db
    .updateTable("tasks")
    .set({ viewed_until: until })
    .where("id", "in", ids)
    .where("terminal", "=", 0)
    .where((eb) => eb.or([eb("viewed_until", "is", null), eb("viewed_until", "<", renewBefore)]))
    .execute();
}

/** How many tasks are active, and how many of them are due. */
export async function countWatched(db: PaddockDb, now: number): Promise<{ active: number; due: number }> {
  const row = await db
    .selectFrom("tasks")
    .select((eb) => [
      eb.fn.countAll<number>().as("active"),
      eb.fn.sum<number>(sql`case when coalesce(next_check_at, 0) <= ${now} then 1 else 0 end`).as("due"),
    ])
    .where("terminal", "=", 0)
    .executeTakeFirst();
  return { active: Number(row?.active ?? 0), due: Number(row?.due ?? 0) };
}

/** When the next task not leased by someone falls due (null: none is active). */
export async function nextDueAt(db: PaddockDb, now: number): Promise<number | null> {
  const result = await sql<{ at: number | null }>`
    select min(coalesce(next_check_at, 0)) as at from tasks
    where terminal = 0 and (lease_until is null or lease_until < ${now})`.execute(db);
  const at = result.rows[0]?.at;
  return at === null || at === undefined ? null : Number(at);
}

export interface Heartbeat {
  instanceId: string;
  startedAt: number;
  at: number;
  lastPassAt: number | null;
  intervalMs: number;
  backingOff: boolean;
}

export async function writeHeartbeat(db: PaddockDb, beat: Heartbeat) {
  const values = {
    heartbeat_at: beat.at,
    last_pass_at: beat.lastPassAt,
    interval_ms: beat.intervalMs,
    backing_off: beat.backingOff ? 1 : 0,
  };
  await db
    .insertInto("watchers")
    .values({ instance_id: beat.instanceId, started_at: beat.startedAt, ...values })
    .onConflict((oc) => oc.column("instance_id").doUpdateSet(values))
    .execute();
  // Watchers silent for a day (and with no pass in a day) are forgotten.
  const forgetBefore = beat.at - FORGET_AFTER_MS;
  await db
    .deleteFrom("watchers")
    .where("heartbeat_at", "<", forgetBefore)
    .where((eb) => eb(eb.fn.coalesce("last_pass_at", eb.lit(0)), "<", forgetBefore))
    .execute();
}

/** A watcher that stops cleanly is no longer alive at once; its last pass is remembered. */
export async function stopHeartbeat(db: PaddockDb, instanceId: string) {
  await db.updateTable("watchers").set({ heartbeat_at: 0 }).where("instance_id", "=", instanceId).execute();
}

const FORGET_AFTER_MS = 24 * 3_600_000;

/**
 * The watchers that beat since `since`, newest pass first, and the last pass any watcher
 * completed (alive or not). A watcher silent for a day is forgotten.
 */
/** Reads only (the board must render from a store that refuses writes); heartbeats forget the dead. */
export async function readWatchers(db: PaddockDb, since: number) {
  const rows = await db.selectFrom("watchers").selectAll().orderBy("last_pass_at", "desc").execute();
  const lastPassAt = rows.reduce<number | null>(
    (latest, row) =>
      row.last_pass_at !== null && row.last_pass_at > (latest ?? 0) ? Number(row.last_pass_at) : latest,
    null,
  );
  return { live: rows.filter((row) => row.heartbeat_at >= since), lastPassAt };
}
