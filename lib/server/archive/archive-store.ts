import "server-only";

import { sql, type Transaction } from "kysely";

import { isPostgres, type PaddockDb } from "@/lib/server/db";
import type { ArchiveState, Database } from "@/lib/server/db/schema";
import { appendChange, changesSince } from "@/lib/server/tasks/change-log";
import { getMeta, setMeta } from "@/lib/server/tasks/task-store";

/**
 * The archive's book, in SQL: which videos are to be saved (read from the change log with a
 * cursor, so none is missed across restarts), who is saving which (a lease, so several instances
 * save each video once), and what each saved copy is. What people see of it is mirrored on the
 * task's row, with a change in the log, so the board's polls carry it like any other change.
 */

const CURSOR_KEY = "archive_cursor";

export type ArchiveRow = Awaited<ReturnType<typeof getArchive>>;

export async function getArchive(db: PaddockDb, id: string) {
  return db.selectFrom("video_archive").selectAll().where("task_id", "=", id).executeTakeFirst();
}

/**
 * Reads the change log on from the archive's cursor and books every task that got a video. A
 * task booked before (a second instance reading the same changes) is left as it is. Returns how
 * many were booked.
 */
export async function bookNewVideos(db: PaddockDb, now: number, batch = 500): Promise<number> {
  const cursor = Number((await getMeta(db, CURSOR_KEY)) ?? 0);
  const changes = await changesSince(db, cursor, batch, ["changed"]);
  if (changes.length === 0) return 0;
  const ids = [...new Set(changes.filter((change) => change.has_video === 1).map((change) => change.task_id))];
  let booked = 0;
  for (const id of ids) {
    booked += await db.transaction().execute(async (trx) => {
      const tracked = await trx.selectFrom("tasks").select("id").where("id", "=", id).executeTakeFirst();
      if (!tracked) return 0;
      const inserted = await trx
        .insertInto("video_archive")
        .values({ task_id: id, state: "saving", next_attempt_at: now, created_at: now })
        .onConflict((oc) => oc.column("task_id").doNothing())
        .returning("task_id")
        .executeTakeFirst();
      if (!inserted) return 0;
      await showState(trx, id, { state: "saving", bytes: null, detail: null }, now);
      return 1;
    });
  }
  const last = Number(changes.at(-1)?.seq ?? cursor);
  // Only forward: another instance may have read further meanwhile.
  if (last > Number((await getMeta(db, CURSOR_KEY)) ?? 0)) await setMeta(db, CURSOR_KEY, String(last));
  return booked;
}

/** Mirrors the copy's state on the task (what the board shows) and logs it as a change. */
async function showState(
  trx: Transaction<Database>,
  id: string,
  shown: { state: ArchiveState; bytes: number | null; detail: string | null },
  at: number,
) {
  const updated = await trx
    .updateTable("tasks")
    .set({ archive_state: shown.state, archive_bytes: shown.bytes, archive_detail: shown.detail, archive_at: at })
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) {
    await appendChange(trx, { task_id: id, at, kind: "archive", detail: shown.state });
  }
}

/** Claims up to `limit` videos due to be saved for `owner`, until `leaseUntil`. */
export async function claimDueSaves(
  db: PaddockDb,
  claim: { owner: string; now: number; limit: number; leaseUntil: number },
): Promise<string[]> {
  const lock = isPostgres(db) ? sql`for update skip locked` : sql``;
  const result = await sql<{ task_id: string }>`
    update video_archive set lease_owner = ${claim.owner}, lease_until = ${claim.leaseUntil},
      attempts = attempts + 1
    where task_id in (
      select task_id from video_archive
      where state = 'saving' and next_attempt_at <= ${claim.now}
        and (lease_until is null or lease_until < ${claim.now})
      order by next_attempt_at, task_id
      limit ${claim.limit} ${lock}
    )
    returning task_id`.execute(db);
  return result.rows.map((row) => row.task_id);
}

/** Keeps a claim alive during a long download. False when the claim was lost. */
export async function renewSave(db: PaddockDb, id: string, owner: string, leaseUntil: number): Promise<boolean> {
  const result = await db
    .updateTable("video_archive")
    .set({ lease_until: leaseUntil })
    .where("task_id", "=", id)
    .where("lease_owner", "=", owner)
    .where("state", "=", "saving")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives a claim back untried (the instance is stopping): due again at once, the attempt not counted. */
export async function releaseSave(db: PaddockDb, id: string, owner: string) {
  await db
    .updateTable("video_archive")
    .set((eb) => ({ lease_owner: null, lease_until: null, attempts: eb("attempts", "-", 1) }))
    .where("task_id", "=", id)
    .where("lease_owner", "=", owner)
    .where("state", "=", "saving")
    .execute();
}

/** A copy saved: where it is, its size and checksum. False when the claim had been lost. */
export async function markSaved(
  db: PaddockDb,
  id: string,
  owner: string,
  file: { storageKey: string; bytes: number; sha256: string },
  now: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("video_archive")
      .set({
        state: "saved",
        storage_key: file.storageKey,
        bytes: file.bytes,
        sha256: file.sha256,
        saved_at: now,
        error: null,
        lease_owner: null,
        lease_until: null,
      })
      .where("task_id", "=", id)
      .where("lease_owner", "=", owner)
      .where("state", "=", "saving")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await showState(trx, id, { state: "saved", bytes: file.bytes, detail: null }, now);
    return true;
  });
}

/**
 * An attempt failed: tried again at `retryAt`, or, with no retry left (null), failed for good.
 * The reason is shown either way ("could not save: …" while it retries too).
 */
export async function markAttemptFailed(
  db: PaddockDb,
  id: string,
  owner: string,
  error: string,
  retryAt: number | null,
  now: number,
) {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("video_archive")
      .set({
        state: retryAt === null ? "failed" : "saving",
        next_attempt_at: retryAt ?? now,
        error,
        lease_owner: null,
        lease_until: null,
      })
      .where("task_id", "=", id)
      .where("lease_owner", "=", owner)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return;
    const current = await trx.selectFrom("tasks").select(["archive_detail", "archive_state"]).where("id", "=", id);
    const shown = await current.executeTakeFirst();
    const state = retryAt === null ? "failed" : "saving";
    // A retry with the same reason is not news for the board.
    if (shown && shown.archive_state === state && shown.archive_detail === error) return;
    await showState(trx, id, { state, bytes: null, detail: error }, now);
  });
}

/**
 * The copy is removed (a person, or retention): the row stays so the video is not saved again.
 * Returns where the file was, for the one caller that removed it (null for the others).
 */
export async function markDeleted(db: PaddockDb, id: string, reason: string, now: number): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("video_archive")
      .set({ state: "deleted", error: reason, lease_owner: null, lease_until: null, bytes: null })
      .where("task_id", "=", id)
      .where("state", "!=", "deleted")
      .returning("storage_key")
      .executeTakeFirst();
    if (!row) return null;
    await showState(trx, id, { state: "deleted", bytes: null, detail: reason }, now);
    return row.storage_key ?? "";
  });
}

/** Books a video again (a person asked, while its link still works). False when there is nothing to redo. */
export async function rebook(db: PaddockDb, id: string, now: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("video_archive")
      .set({ state: "saving", next_attempt_at: now, attempts: 0, error: null, lease_owner: null, lease_until: null })
      .where("task_id", "=", id)
      .where("state", "in", ["failed", "deleted"])
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await showState(trx, id, { state: "saving", bytes: null, detail: null }, now);
    return true;
  });
}

/** The saved copies, their count and size (for the usage page and the size cap). */
export async function archiveTotals(db: PaddockDb): Promise<{ files: number; bytes: number }> {
  const row = await db
    .selectFrom("video_archive")
    .select((eb) => [eb.fn.countAll<number>().as("files"), eb.fn.sum<number>("bytes").as("bytes")])
    .where("state", "=", "saved")
    .executeTakeFirst();
  return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
}

/** Saved copies, oldest first, from `after` (the saved time and id of the last one read). */
export async function savedOldestFirst(db: PaddockDb, limit: number, savedBefore = Number.MAX_SAFE_INTEGER) {
  return db
    .selectFrom("video_archive")
    .select(["task_id", "bytes", "saved_at"])
    .where("state", "=", "saved")
    .where("saved_at", "<", savedBefore)
    .orderBy("saved_at")
    .orderBy("task_id")
    .limit(limit)
    .execute();
}

/** Rows whose task is no longer tracked: their files go, then the rows. */
export async function orphans(db: PaddockDb, limit: number) {
  return db
    .selectFrom("video_archive")
    .leftJoin("tasks", "tasks.id", "video_archive.task_id")
    .select(["video_archive.task_id", "video_archive.storage_key", "video_archive.lease_until"])
    .where("tasks.id", "is", null)
    .limit(limit)
    .execute();
}

export async function forgetArchive(db: PaddockDb, id: string) {
  await db.deleteFrom("video_archive").where("task_id", "=", id).execute();
}
