import "server-only";

import { type Selectable, sql, type Updateable } from "kysely";

import type { UpstreamError } from "@/lib/happyhorse/upstream-error";
import type { PaddockDb } from "@/lib/server/db";
import type { TasksTable } from "@/lib/server/db/schema";
import { type BoardQuery, STATUS_FILTERS, type StatusFilter } from "@/lib/tasks/board-query";

/**
 * The task store: the tracked tasks, the latest snapshot of each and the history of what changed.
 * SQL only: what a snapshot means is decided by the task service, which hands over the columns.
 */

export type TaskRow = Selectable<TasksTable>;
export type TrackOutcome = "added" | "already_tracked";

/** The columns the service derives from a snapshot, for filtering, sorting and the usage review. */
export type DerivedColumns = Required<
  Pick<
    Updateable<TasksTable>,
    | "status"
    | "status_group"
    | "upstream_status"
    | "action"
    | "progress"
    | "prompt"
    | "submitted_at"
    | "finished_at"
    | "terminal"
    | "failure_category"
    | "resolution_tier"
    | "billed_seconds"
    | "delivered_seconds"
    | "input_seconds"
    | "ratio"
    | "queue_wait_ms"
    | "generation_ms"
    | "derived_version"
  >
>;

const ID_CHUNK = 200;

export async function insertTasks(
  db: PaddockDb,
  ids: readonly string[],
  addedAt: number,
  label: string | null,
): Promise<Map<string, TrackOutcome>> {
  const outcomes = new Map<string, TrackOutcome>();
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const chunk = ids.slice(start, start + ID_CHUNK);
    await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom("tasks").select("id").where("id", "in", chunk).execute();
      const known = new Set(existing.map((row) => row.id));
      const fresh = chunk.filter((id) => !known.has(id));
      if (fresh.length > 0) {
        await trx
          .insertInto("tasks")
          .values(fresh.map((id) => ({ id, added_at: addedAt, status_group: "active", label })))
          .onConflict((oc) => oc.column("id").doNothing())
          .execute();
      }
      for (const id of chunk) outcomes.set(id, known.has(id) ? "already_tracked" : "added");
    });
  }
  return outcomes;
}

export async function deleteTask(db: PaddockDb, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom("task_events").where("task_id", "=", id).execute();
    const result = await trx.deleteFrom("tasks").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}

/** False when the task is not tracked. */
export async function updateLabel(db: PaddockDb, id: string, label: string | null): Promise<boolean> {
  const result = await db.updateTable("tasks").set({ label }).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function getTask(db: PaddockDb, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listActiveTasks(db: PaddockDb) {
  return db.selectFrom("tasks").select(["id", "checked_at"]).where("terminal", "=", 0).execute();
}

export async function listTasks(db: PaddockDb, query: BoardQuery): Promise<TaskRow[]> {
  let select = db.selectFrom("tasks").selectAll();
  if (query.status !== "all") select = select.where("status_group", "=", query.status);
  if (query.action) select = select.where("action", "=", query.action);
  if (query.category) select = select.where("failure_category", "=", query.category);
  if (query.label) select = select.where("label", "=", query.label);
  if (query.q) {
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    select = select.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["id"]), "like", sql<string>`${pattern} escape '\\'`),
        eb(eb.fn("lower", ["prompt"]), "like", sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  const sortKey = sql<number>`coalesce(submitted_at, added_at)`;
  if (query.sort === "oldest") select = select.orderBy(sortKey, "asc");
  else if (query.sort === "added") select = select.orderBy("added_at", "desc");
  else select = select.orderBy(sortKey, "desc");
  return select.orderBy("id").execute();
}

const BOARD_GROUPS = STATUS_FILTERS.filter((filter) => filter !== "all");

export async function countByGroup(db: PaddockDb): Promise<Record<StatusFilter, number>> {
  const rows = await db
    .selectFrom("tasks")
    .select(["status_group", (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy("status_group")
    .execute();
  const counts = { all: 0, active: 0, succeeded: 0, failed: 0, not_found: 0, gave_up: 0 };
  for (const row of rows) {
    const group = BOARD_GROUPS.find((candidate) => candidate === row.status_group);
    if (group) counts[group] = Number(row.count);
    counts.all += Number(row.count);
  }
  return counts;
}

export function listLabels(db: PaddockDb): Promise<string[]> {
  return distinctValues(db, "label");
}

export function listActions(db: PaddockDb): Promise<string[]> {
  return distinctValues(db, "action");
}

async function distinctValues(db: PaddockDb, column: "label" | "action"): Promise<string[]> {
  const rows = await db
    .selectFrom("tasks")
    .select(column)
    .distinct()
    .where(column, "is not", null)
    .orderBy(column)
    .execute();
  return rows.flatMap((row) => (row[column] ? [row[column]] : []));
}

/**
 * Stores the latest answer with the columns derived from it and, when the status, upstream status
 * or progress moved, an event in the history, all in one transaction. False when not tracked.
 */
export async function writeSnapshot(
  db: PaddockDb,
  id: string,
  columns: DerivedColumns,
  rawJson: string,
  at: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom("tasks")
      .select(["status", "upstream_status", "progress"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!previous) return false;
    const event = {
      status: columns.status ?? "",
      upstream_status: columns.upstream_status,
      progress: columns.progress,
    };
    const changed =
      previous.status !== event.status ||
      previous.upstream_status !== event.upstream_status ||
      previous.progress !== event.progress;
    await trx
      .updateTable("tasks")
      .set({
        ...columns,
        raw_json: rawJson,
        snapshot_at: at,
        checked_at: at,
        error_code: null,
        error_message: null,
        error_at: null,
        not_found_count: 0,
        not_found_since: null,
        // The first answer is not a change: it is where watching starts.
        ...(changed && previous.status !== null ? { changed_at: at } : {}),
      })
      .where("id", "=", id)
      .execute();
    if (changed)
      await trx
        .insertInto("task_events")
        .values({ task_id: id, observed_at: at, ...event })
        .execute();
    return true;
  });
}

/** Rewrites the derived columns of a stored snapshot (after the normalization changed). */
export async function updateDerivedColumns(db: PaddockDb, id: string, columns: DerivedColumns) {
  await db.updateTable("tasks").set(columns).where("id", "=", id).execute();
}

/** Tasks whose derived columns come from an older normalization than `version`. */
export async function listStaleDerivations(db: PaddockDb, version: number, limit: number) {
  return db
    .selectFrom("tasks")
    .select(["id", "raw_json", "snapshot_at", "stopped_reason"])
    .where("raw_json", "is not", null)
    .where("derived_version", "<", version)
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** A "not found" answer in a row of them, and whether it confirms the task is missing. */
export interface NotFoundStreak {
  count: number;
  since: number;
  stop: boolean;
}

/** Stores a failed refresh beside the last snapshot; a confirmed "not found" stops the watching. */
export async function writeRefreshError(
  db: PaddockDb,
  id: string,
  error: UpstreamError,
  at: number,
  notFound: NotFoundStreak | null = null,
) {
  await db
    .updateTable("tasks")
    .set({
      checked_at: at,
      error_code: error.code,
      error_message: error.message,
      error_at: at,
      ...(notFound ? { not_found_count: notFound.count, not_found_since: notFound.since } : {}),
      ...(notFound?.stop
        ? { terminal: 1, status_group: "not_found", stopped_reason: "not_found", stopped_at: at }
        : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** Stops watching the active tasks submitted (or added) before `cutoff`. Returns how many. */
export async function stopTasksStartedBefore(db: PaddockDb, cutoff: number, at: number): Promise<number> {
  const result = await db
    .updateTable("tasks")
    .set({ terminal: 1, status_group: "gave_up", stopped_reason: "gave_up", stopped_at: at })
    .where("terminal", "=", 0)
    .where(sql<number>`coalesce(submitted_at, added_at)`, "<", cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listTaskEvents(db: PaddockDb, id: string) {
  return db
    .selectFrom("task_events")
    .select(["observed_at", "status", "upstream_status", "progress"])
    .where("task_id", "=", id)
    .orderBy("observed_at")
    .execute();
}

export async function getMeta(db: PaddockDb, key: string): Promise<string | undefined> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

export async function setMeta(db: PaddockDb, key: string, value: string) {
  await db
    .insertInto("meta")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}
