import "server-only";

import { type RawBuilder, type Selectable, sql, type Updateable } from "kysely";

import type { PaddockDb } from "@/lib/server/db";
import { idChunks } from "@/lib/server/db/id-chunks";
import type { TasksTable } from "@/lib/server/db/schema";
import {
  type BoardOrderColumn,
  type BoardQuery,
  parseOrder,
  STATUS_FILTERS,
  type StatusFilter,
} from "@/lib/tasks/board-query";

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

/** What a task's answer is keyed by: its version (every change moves it) and whether it finished. */
export async function getTaskVersion(db: PaddockDb, id: string) {
  return db.selectFrom("tasks").select(["version", "terminal"]).where("id", "=", id).executeTakeFirst();
}

type TaskSelect = ReturnType<typeof selectTasks>;
const selectTasks = (db: PaddockDb) => db.selectFrom("tasks");

/** The board's filters as SQL; `withStatus: false` leaves the status out (for the counts per status). */
function filtered<S extends TaskSelect>(select: S, query: BoardQuery, withStatus = true): S {
  let next = select;
  if (withStatus && query.status !== "all") next = next.where("status_group", "=", query.status) as S;
  if (query.action) next = next.where("action", "=", query.action) as S;
  if (query.category) next = next.where("failure_category", "=", query.category) as S;
  if (query.label) next = next.where("label", "=", query.label) as S;
  if (query.from !== null) next = next.where(BOARD_KEY, ">=", query.from) as S;
  if (query.to !== null) next = next.where(BOARD_KEY, "<", query.to) as S;
  if (query.q) {
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    next = next.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["id"]), "like", sql<string>`${pattern} escape '\\'`),
        eb(eb.fn("lower", ["prompt"]), "like", sql<string>`${pattern} escape '\\'`),
      ]),
    ) as S;
  }
  return next;
}

/** When a task was submitted, or added while the gateway has not said yet: the board's time. */
const BOARD_KEY = sql<number>`coalesce(submitted_at, added_at)`;

/** Where a page ends: the last task's sort key (a time, a number or a text) and id. Opaque to clients. */
export interface BoardCursor {
  key: number | string;
  id: string;
}

interface SortKey {
  expression: RawBuilder<number | string>;
  /** A text key (compared as text), or a number. */
  text: boolean;
  /** The same value, read from a row (for the cursor). */
  of: (row: TaskRow) => number | string;
  ascending: boolean;
}

/**
 * The board's order: a table column (null values first ascending, with the same sentinel on both
 * engines), or the time sort. Each key has an index on (key, id).
 */
function sortKeyOf(query: BoardQuery): SortKey {
  const order = parseOrder(query.order);
  if (order) {
    const column = ORDER_KEYS[order.column];
    return { ...column, ascending: !order.descending };
  }
  if (query.sort === "added") {
    return { expression: sql<number>`added_at`, text: false, of: (row) => row.added_at, ascending: false };
  }
  return {
    expression: BOARD_KEY,
    text: false,
    of: (row) => row.submitted_at ?? row.added_at,
    ascending: query.sort === "oldest",
  };
}

const ORDER_KEYS: Record<BoardOrderColumn, Omit<SortKey, "ascending">> = {
  status: { expression: sql<string>`coalesce(status, '')`, text: true, of: (row) => row.status ?? "" },
  kind: { expression: sql<string>`coalesce(action, '')`, text: true, of: (row) => row.action ?? "" },
  label: { expression: sql<string>`coalesce(label, '')`, text: true, of: (row) => row.label ?? "" },
  id: { expression: sql<string>`id`, text: true, of: (row) => row.id },
  progress: { expression: sql<number>`coalesce(progress, -1)`, text: false, of: (row) => row.progress ?? -1 },
  queue: {
    expression: sql<number>`coalesce(queue_wait_ms, -1)`,
    text: false,
    of: (row) => row.queue_wait_ms ?? -1,
  },
  generation: {
    expression: sql<number>`coalesce(generation_ms, -1)`,
    text: false,
    of: (row) => row.generation_ms ?? -1,
  },
  submitted: { expression: BOARD_KEY, text: false, of: (row) => row.submitted_at ?? row.added_at },
};

function encodeCursor(cursor: BoardCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString("base64url");
}

export function decodeCursor(text: string): BoardCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [key, id] = value as [unknown, unknown];
    // Ids are printable ASCII: anything else (a NUL byte, say) is no cursor Paddock gave.
    if (typeof id !== "string" || !/^[\x21-\x7e]{1,200}$/.test(id)) return null;
    // Times are whole milliseconds; progress may have a decimal ("12.5%").
    if (typeof key === "number")
      return Number.isFinite(key) && Math.abs(key) <= Number.MAX_SAFE_INTEGER ? { key, id } : null;
    // A text key (a label, a status) has no control characters: a NUL byte is not text PostgreSQL can compare.
    if (typeof key === "string" && key.length <= 400 && !/\p{Cc}/u.test(key)) return { key, id };
    return null;
  } catch {
    return null;
  }
}

/** Whether a cursor can continue this query's order (a text key for a text column, a number otherwise). */
export function cursorFits(query: BoardQuery, cursor: BoardCursor): boolean {
  return sortKeyOf(query).text === (typeof cursor.key === "string");
}

export interface TaskWindow {
  rows: TaskRow[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

/**
 * One page of the board in SQL: keyset pagination on an indexed sort key and the id, so a page
 * costs the same at 20 or 20,000 tasks and a task that moves while someone pages is never shown
 * twice on one page walk, nor skipped unless it moved above the page being read.
 */
export async function listTaskWindow(
  db: PaddockDb,
  query: BoardQuery,
  limit: number,
  cursor: BoardCursor | null,
): Promise<TaskWindow> {
  const { expression: key, of, ascending } = sortKeyOf(query);
  let select = filtered(selectTasks(db), query).selectAll();
  if (cursor) {
    const after = ascending ? sql`>` : sql`<`;
    select = select.where(
      sql<boolean>`(${key} ${after} ${cursor.key} or (${key} = ${cursor.key} and id ${after} ${cursor.id}))`,
    );
  }
  const direction = ascending ? "asc" : "desc";
  const rows = await select
    .orderBy(key, direction)
    .orderBy("id", direction)
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const more = rows.length > limit && last !== undefined;
  return {
    rows: page,
    nextCursor: more ? encodeCursor({ key: of(last), id: last.id }) : null,
  };
}

/**
 * The tasks that changed after `since` (the change log's sequence), at most `limit` of them
 * (one more tells the caller there are more). An untracked task is among them: its last change
 * says so.
 */
export async function tasksChangedSince(db: PaddockDb, since: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("task_changes")
    .select("task_id")
    .distinct()
    .where("seq", ">", since)
    .limit(limit)
    .execute();
  return rows.map((row) => row.task_id);
}

/** Of these ids, the tracked tasks the board's filters let through, with their rows. */
export async function listFilteredAmong(db: PaddockDb, query: BoardQuery, ids: readonly string[]): Promise<TaskRow[]> {
  const rows: TaskRow[] = [];
  for (const chunk of idChunks(ids)) {
    rows.push(...(await filtered(selectTasks(db), query).selectAll().where("id", "in", chunk).execute()));
  }
  return rows;
}

/** The ids the board's filters let through, in the board's order, at most `limit`. */
export async function listFilteredIds(db: PaddockDb, query: BoardQuery, limit: number): Promise<string[]> {
  const { expression: key, ascending } = sortKeyOf(query);
  const direction = ascending ? "asc" : "desc";
  const rows = await filtered(selectTasks(db), query)
    .select("id")
    .orderBy(key, direction)
    .orderBy("id", direction)
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

const BOARD_GROUPS = STATUS_FILTERS.filter((filter) => filter !== "all");

/** Tasks per status group among those the other filters (kind, label, search, time) let through. */
export async function countByGroup(db: PaddockDb, query?: BoardQuery): Promise<Record<StatusFilter, number>> {
  let select = selectTasks(db);
  if (query) select = filtered(select, query, false);
  const rows = await select
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

/**
 * A skip scan: one seek in the column's index per distinct value (a team has a handful), not a walk
 * over every task's entry as `select distinct` makes (0.7 ms at 20,000 tasks, on every board build).
 */
async function distinctValues(db: PaddockDb, column: "label" | "action"): Promise<string[]> {
  const value = sql.ref(column);
  const { rows } = await sql<{ value: string | null }>`
    with recursive next_value(value) as (
      select min(${value}) from tasks
      union all
      select (select min(${value}) from tasks where ${value} > next_value.value)
      from next_value where next_value.value is not null
    )
    select value from next_value where value is not null order by value`.execute(db);
  return rows.flatMap((row) => (row.value ? [row.value] : []));
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
  for (const chunk of idChunks(ids)) {
    const rows = await db.selectFrom("tasks").select("id").where("id", "in", chunk).execute();
    for (const row of rows) known.add(row.id);
  }
  return known;
}

/** Of these ids, the tracked tasks that are not finished. */
export async function activeAmong(db: PaddockDb, ids: readonly string[]): Promise<string[]> {
  const active: string[] = [];
  for (const chunk of idChunks(ids)) {
    const rows = await db.selectFrom("tasks").select("id").where("id", "in", chunk).where("terminal", "=", 0).execute();
    active.push(...rows.map((row) => row.id));
  }
  return active;
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
