import "server-only";

import { sql } from "kysely";

import type { UpstreamError } from "@/lib/happyhorse/upstream-error";
import type { PaddockDb } from "@/lib/server/db";
import { idChunks } from "@/lib/server/db/id-chunks";
import { appendChange, appendChanges } from "@/lib/server/tasks/change-log";
import type { DerivedColumns } from "@/lib/server/tasks/task-store";

/**
 * The task store's writes. Each writes the task and, when what a person sees moved, its change
 * in the log, in one transaction: nothing is acknowledged that was not stored whole. SQL only.
 */

export type TrackOutcome = "added" | "already_tracked";
const ID_CHUNK = 200;

export async function insertTasks(
  db: PaddockDb,
  ids: readonly string[],
  addedAt: number,
  label: string | null,
  addedBy: string | null = null,
  firstCheckSpacingMs = 0,
  /** What Paddock sent to start a task (JSON), by id: stored with it in the same step. */
  requests: ReadonlyMap<string, string> | null = null,
): Promise<Map<string, TrackOutcome>> {
  const outcomes = new Map<string, TrackOutcome>();
  for (const chunk of idChunks(ids, ID_CHUNK)) {
    await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom("tasks").select("id").where("id", "in", chunk).execute();
      const known = new Set(existing.map((row) => row.id));
      const fresh = chunk.filter((id) => !known.has(id));
      if (fresh.length > 0) {
        // A batch's first checks are slotted one spacing apart from now: a thousand new tasks
        // take part of the budget, not all of it (the watcher asks the newest first).
        await trx
          .insertInto("tasks")
          .values(
            fresh.map((id, index) => ({
              id,
              added_at: addedAt,
              status_group: "active",
              label,
              added_by: addedBy,
              next_check_at: addedAt + index * firstCheckSpacingMs,
              request: requests?.get(id) ?? null,
            })),
          )
          .onConflict((oc) => oc.column("id").doNothing())
          .execute();
        const changes = fresh.map((id) => ({ task_id: id, at: addedAt, kind: "tracked" as const, detail: label }));
        const seqs = await appendChanges(trx, changes);
        for (const [index, id] of fresh.entries()) {
          await trx
            .updateTable("tasks")
            .set({ version: seqs[index] ?? 0 })
            .where("id", "=", id)
            .execute();
        }
      }
      for (const id of chunk) outcomes.set(id, known.has(id) ? "already_tracked" : "added");
    });
  }
  return outcomes;
}

/** Stops tracking: the task and its history go, and the log says so to those following it. */
export async function deleteTask(db: PaddockDb, id: string, at: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("tasks").where("id", "=", id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await trx.deleteFrom("task_changes").where("task_id", "=", id).execute();
    await appendChange(trx, { task_id: id, at, kind: "untracked" });
    return true;
  });
}

/** Stops tracking many tasks, a few hundred per transaction. Returns how many were tracked. */
export async function deleteTasks(db: PaddockDb, ids: readonly string[], at: number): Promise<number> {
  let deleted = 0;
  for (const chunk of idChunks(ids)) {
    deleted += await db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom("tasks").where("id", "in", chunk).returning("id").execute();
      if (gone.length === 0) return 0;
      const goneIds = gone.map((row) => row.id);
      await trx.deleteFrom("task_changes").where("task_id", "in", goneIds).execute();
      await appendChanges(
        trx,
        goneIds.map((id) => ({ task_id: id, at, kind: "untracked" as const })),
      );
      return gone.length;
    });
  }
  return deleted;
}

/** Sets or clears the label of many tasks, a few hundred per transaction. Returns how many were tracked. */
export async function updateLabels(
  db: PaddockDb,
  ids: readonly string[],
  label: string | null,
  at: number,
): Promise<number> {
  let updated = 0;
  for (const chunk of idChunks(ids)) {
    updated += await db.transaction().execute(async (trx) => {
      const rows = await trx.updateTable("tasks").set({ label }).where("id", "in", chunk).returning("id").execute();
      if (rows.length === 0) return 0;
      const seqs = await appendChanges(
        trx,
        rows.map((row) => ({ task_id: row.id, at, kind: "label" as const, detail: label })),
      );
      // Each task's version is its own change (a board poll sends it again).
      const last = seqs.at(-1) ?? 0;
      await trx
        .updateTable("tasks")
        .set({ version: last })
        .where(
          "id",
          "in",
          rows.map((row) => row.id),
        )
        .execute();
      return rows.length;
    });
  }
  return updated;
}

/** False when the task is not tracked. */
export async function updateLabel(db: PaddockDb, id: string, label: string | null, at: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable("tasks").set({ label }).where("id", "=", id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await appendChange(trx, { task_id: id, at, kind: "label", detail: label });
    return true;
  });
}

/**
 * Stores the latest answer with the columns derived from it and, when what a person sees moved
 * (status, upstream status, progress, video, failure), a change. Being checked alone changes
 * nothing. False when the task is not tracked.
 */
export async function writeSnapshot(db: PaddockDb, id: string, columns: DerivedColumns, rawJson: string, at: number) {
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom("tasks")
      .select(["status", "upstream_status", "progress", "has_video", "failure_category", "error_code"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!previous) return false;
    const changed =
      previous.status !== columns.status ||
      previous.upstream_status !== columns.upstream_status ||
      previous.progress !== columns.progress ||
      (previous.has_video ?? 0) !== columns.has_video ||
      previous.failure_category !== columns.failure_category;
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
    if (changed) {
      const { status, upstream_status, progress, has_video, failure_category } = columns;
      await appendChange(trx, {
        task_id: id,
        at,
        kind: "changed",
        status,
        upstream_status,
        progress,
        has_video,
        failure_category,
      });
    } else if (previous.error_code !== null) {
      await appendChange(trx, { task_id: id, at, kind: "recovered" });
    }
    return true;
  });
}

/** Rewrites the derived columns of a stored snapshot (after the normalization changed). */
export async function updateDerivedColumns(db: PaddockDb, id: string, columns: DerivedColumns) {
  await db.updateTable("tasks").set(columns).where("id", "=", id).execute();
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
  await db.transaction().execute(async (trx) => {
    const previous = await trx.selectFrom("tasks").select("error_code").where("id", "=", id).executeTakeFirst();
    if (!previous) return;
    await trx
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
    // Failing again the same way is not news; a new kind of failure, or a stop, is.
    if (notFound?.stop) {
      await appendChange(trx, { task_id: id, at, kind: "stopped", detail: "not_found" });
    } else if (previous.error_code !== error.code) {
      await appendChange(trx, { task_id: id, at, kind: "error", detail: error.code });
    }
  });
}

/** Stops watching the active tasks submitted (or added) before `cutoff`. Returns how many. */
export async function stopTasksStartedBefore(db: PaddockDb, cutoff: number, at: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const stopped = await trx
      .updateTable("tasks")
      .set({ terminal: 1, status_group: "gave_up", stopped_reason: "gave_up", stopped_at: at })
      .where("terminal", "=", 0)
      .where(sql<number>`coalesce(submitted_at, added_at)`, "<", cutoff)
      .returning("id")
      .execute();
    for (const { id } of stopped) await appendChange(trx, { task_id: id, at, kind: "stopped", detail: "gave_up" });
    return stopped.length;
  });
}
