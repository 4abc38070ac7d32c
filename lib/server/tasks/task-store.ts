import "server-only";

import { type Selectable, sql, type Updateable } from "kysely";

import type { PaddockDb } from "@/lib/server/db";
import type { TasksTable } from "@/lib/server/db/schema";
import { type BoardQuery, STATUS_FILTERS, type StatusFilter } from "@/lib/tasks/board-query";

/**
 * The task store's reads: the tracked tasks and the latest snapshot of each (its writes are in
 * task-writes.ts). SQL only: what a snapshot means is decided by the task service.
 */

export type TaskRow = Selectable<TasksTable>;

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
    | "has_video"
    | "derived_version"
  >
>;

export async function getTask(db: PaddockDb, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirst();
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

/** Of these ids, the ones tracked already. */
export async function trackedAmong(db: PaddockDb, ids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom("tasks")
      .select("id")
      .where("id", "in", ids.slice(start, start + 500))
      .execute();
    for (const row of rows) known.add(row.id);
  }
  return known;
}

/** How many unfinished tasks one principal has tracked. */
export async function countActiveAddedBy(db: PaddockDb, addedBy: string): Promise<number> {
  const row = await db
    .selectFrom("tasks")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("added_by", "=", addedBy)
    .where("terminal", "=", 0)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
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
