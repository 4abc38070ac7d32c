import "server-only";

import type { Insertable, Transaction } from "kysely";

import type { ChangesQuery, ChangesResponse } from "@/lib/api/change-schemas";
import type { PaddockDb } from "@/lib/server/db";
import type { ChangeKind, Database, TaskChangesTable } from "@/lib/server/db/schema";

/**
 * The ordered log of every change of every task. A sequence number is given out by updating one
 * head row inside the writer's transaction: the row lock makes commits follow the sequence, so a
 * reader that remembers the last `seq` it saw never misses a change committed later with a lower
 * one. SQL only; what counts as a change is the task store's business.
 */

export type NewChange = Omit<Insertable<TaskChangesTable>, "seq">;

/** Appends changes in one go; returns the sequence number of each, in order. */
export async function appendChanges(trx: Transaction<Database>, changes: readonly NewChange[]): Promise<number[]> {
  if (changes.length === 0) return [];
  const head = await trx
    .updateTable("change_log_head")
    .set((eb) => ({ seq: eb("seq", "+", changes.length) }))
    .where("id", "=", 1)
    .returning("seq")
    .executeTakeFirstOrThrow();
  const first = Number(head.seq) - changes.length + 1;
  const rows = changes.map((change, index) => ({ ...change, seq: first + index }));
  await trx.insertInto("task_changes").values(rows).execute();
  return rows.map((row) => row.seq);
}

/** One change, with the task's version moved to it. */
export async function appendChange(trx: Transaction<Database>, change: NewChange): Promise<number> {
  const [seq = 0] = await appendChanges(trx, [change]);
  if (change.kind !== "untracked") {
    await trx.updateTable("tasks").set({ version: seq }).where("id", "=", change.task_id).execute();
  }
  return seq;
}

/** The newest sequence number: the log's version as a whole. */
export async function latestSeq(db: PaddockDb): Promise<number> {
  const row = await db.selectFrom("change_log_head").select("seq").where("id", "=", 1).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** The changes after `cursor`, oldest first, at most `limit`. */
export async function changesSince(db: PaddockDb, cursor: number, limit: number, kinds?: readonly ChangeKind[]) {
  let select = db.selectFrom("task_changes").selectAll().where("seq", ">", cursor).orderBy("seq").limit(limit);
  if (kinds) select = select.where("kind", "in", kinds);
  return select.execute();
}

/** A page of the log as the API answers it. */
export async function readChanges(db: PaddockDb, query: ChangesQuery): Promise<ChangesResponse> {
  const rows = await changesSince(db, query.after, query.limit + 1, query.kinds);
  const page = rows.slice(0, query.limit);
  return {
    changes: page.map((row) => ({
      seq: Number(row.seq),
      taskId: row.task_id,
      at: Number(row.at),
      kind: row.kind,
      status: row.status,
      upstreamStatus: row.upstream_status,
      progress: row.progress,
      hasVideo: row.has_video === null ? null : row.has_video === 1,
      failureCategory: row.failure_category,
      detail: row.detail,
    })),
    cursor: page.length > 0 ? Number(page.at(-1)?.seq) : query.after,
    more: rows.length > query.limit,
  };
}

/** A task's status history since it was (last) tracked. */
export async function taskHistory(db: PaddockDb, id: string) {
  return db
    .selectFrom("task_changes")
    .select(["at", "status", "upstream_status", "progress"])
    .where("task_id", "=", id)
    .where("kind", "=", "changed")
    .orderBy("seq")
    .execute();
}
