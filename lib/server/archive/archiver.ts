import "server-only";

import { isAllowedVideoUrl } from "@/lib/security/video-hosts";
import { type ArchiveFiles, FileTooLargeError } from "@/lib/server/archive/archive-files";
import {
  archiveTotals,
  bookNewVideos,
  claimDueSaves,
  forgetArchive,
  markAttemptFailed,
  markDeleted,
  markSaved,
  orphans,
  releaseSave,
  renewSave,
  savedOldestFirst,
} from "@/lib/server/archive/archive-store";
import { backgroundLoop } from "@/lib/server/background-loop";
import type { PaddockDb } from "@/lib/server/db";
import { logEvent } from "@/lib/server/log";
import { getTask } from "@/lib/server/tasks/task-store";
import { readSnapshot } from "@/lib/server/tasks/tracked-task";
import { toTaskView } from "@/lib/tasks/task-view";

/**
 * Keeps every finished video past its 24-hour link. A loop books the tasks that got a video (from
 * the change log), claims the due ones (a lease in the database: with several instances each
 * video is saved once), streams each to the archive with a size cap and a checksum, and tries
 * again with back-off until the link expires. Retention runs in the same loop: copies older than
 * the keep time, then the oldest beyond the size cap, are removed.
 */

export interface ArchiverOptions {
  db: PaddockDb;
  files: ArchiveFiles;
  instanceId: string;
  videoHosts: readonly string[];
  keepMs: number | null;
  maxBytes: number | null;
  fileMaxBytes: number;
  /** Downloads at once, per instance. */
  concurrency?: number;
  /** How long a claim lasts without news from the download (renewed as bytes arrive). */
  leaseMs?: number;
  /** A download that sends nothing for this long is given up (and tried again). */
  stallMs?: number;
  /** The first retry's delay; each next one is three times longer, at most ten minutes. */
  retryBaseMs?: number;
  /** Whether the store keeps writes now (nothing is downloaded that could not be recorded). */
  canWrite?: () => boolean;
  now?: () => number;
}

const IDLE_MS = 2_000;
const HOUSEKEEPING_EVERY_MS = 60_000;
const MAX_RETRY_MS = 10 * 60_000;

export function createArchiver(options: ArchiverOptions) {
  const { db, files, instanceId } = options;
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? 2;
  const leaseMs = options.leaseMs ?? 60_000;
  const stallMs = options.stallMs ?? 30_000;
  const retryBaseMs = options.retryBaseMs ?? 5_000;
  const inFlight = new Map<string, Promise<void>>();
  /** Each download's abort: stopping the archiver stops them (their claims are given back). */
  const downloads = new Set<AbortController>();
  let stopping = false;
  let lastHousekeeping = 0;

  async function pass() {
    if (!(options.canWrite?.() ?? true)) return;
    const at = now();
    await bookNewVideos(db, at);
    const room = concurrency - inFlight.size;
    if (room > 0) {
      const ids = await claimDueSaves(db, { owner: instanceId, now: at, limit: room, leaseUntil: at + leaseMs });
      for (const id of ids) {
        inFlight.set(
          id,
          save(id).finally(() => inFlight.delete(id)),
        );
      }
    }
    if (at - lastHousekeeping >= HOUSEKEEPING_EVERY_MS) {
      lastHousekeeping = at;
      await housekeeping(at);
    }
  }

  /** One attempt at saving one claimed video. */
  async function save(id: string) {
    const started = now();
    const fail = async (error: string, retry: boolean, expiresAt: number | null = null) => {
      const row = await db.selectFrom("video_archive").select("attempts").where("task_id", "=", id).executeTakeFirst();
      const attempts = row?.attempts ?? 1;
      const delay = Math.round(Math.min(MAX_RETRY_MS, retryBaseMs * 3 ** (attempts - 1)) * (0.8 + Math.random() * 0.4));
      const retryAt = retry && (expiresAt === null || started + delay < expiresAt) ? now() + delay : null;
      const reason =
        retryAt === null && retry ? `${error} The link expires before another attempt; Paddock stopped trying.` : error;
      await markAttemptFailed(db, id, instanceId, reason, retryAt, now());
      logEvent(retryAt === null ? "warn" : "info", "archive_attempt_failed", {
        id,
        attempts,
        retry: retryAt !== null,
        reason: error,
      });
    };

    try {
      const task = await getTask(db, id);
      if (!task) {
        await forgetArchive(db, id);
        return;
      }
      const snapshot = readSnapshot(task);
      const video = snapshot ? toTaskView(snapshot, started).video : null;
      if (!video) return await fail("The task has no video to save.", false);
      if (!isAllowedVideoUrl(video.url, options.videoHosts)) {
        return await fail("The video is on a host Paddock is not configured for (PADDOCK_VIDEO_HOSTS).", false);
      }
      if (video.expired) return await fail("The video's link had expired before Paddock could save it.", false);

      const controller = new AbortController();
      downloads.add(controller);
      let stall = setTimeout(() => controller.abort(new Error("stalled")), stallMs);
      let lastRenewal = started;
      let lost = false;
      const onProgress = () => {
        clearTimeout(stall);
        stall = setTimeout(() => controller.abort(new Error("stalled")), stallMs);
        const at = now();
        if (at - lastRenewal > leaseMs / 3) {
          lastRenewal = at;
          void renewSave(db, id, instanceId, at + leaseMs).then((kept) => {
            if (!kept) {
              lost = true;
              controller.abort(new Error("claim lost"));
            }
          });
        }
      };
      try {
        let response: Response;
        try {
          response = await fetch(video.url, { redirect: "manual", cache: "no-store", signal: controller.signal });
        } catch {
          return await fail("The video's host could not be reached.", true, video.expiresAt);
        }
        if (response.status === 403 || response.status === 410) {
          await response.body?.cancel();
          const expiredByNow = video.expiresAt !== null && video.expiresAt <= now();
          return await fail(
            expiredByNow
              ? "The video's link expired before Paddock could save it."
              : `The video's host refused the link (HTTP ${response.status}).`,
            !expiredByNow,
            video.expiresAt,
          );
        }
        if (!response.ok || !response.body) {
          await response.body?.cancel();
          return await fail(`The video's host answered HTTP ${response.status}.`, true, video.expiresAt);
        }
        const declared = Number(response.headers.get("content-length") ?? Number.NaN);
        if (declared > options.fileMaxBytes) {
          await response.body.cancel();
          return await fail(new FileTooLargeError(options.fileMaxBytes).message, false);
        }
        let stored;
        try {
          stored = await files.write(files.keyFor(id), response.body, {
            maxBytes: options.fileMaxBytes,
            onProgress,
            signal: controller.signal,
          });
        } catch (error) {
          if (lost) return;
          if (stopping) return await releaseSave(db, id, instanceId);
          if (error instanceof FileTooLargeError) return await fail(error.message, false);
          const cut = video.expiresAt !== null && video.expiresAt <= now();
          return await fail(
            cut
              ? "The link expired while the video was downloading."
              : "The download was cut off before the whole video arrived.",
            !cut,
            video.expiresAt,
          );
        }
        if (Number.isFinite(declared) && declared !== stored.bytes) {
          await files.remove(stored.storageKey);
          return await fail(
            `The video arrived incomplete (${stored.bytes} of ${declared} bytes).`,
            true,
            video.expiresAt,
          );
        }
        if (!(await markSaved(db, id, instanceId, stored, now()))) {
          // Another instance took the video over (this one was too slow): its copy is the one kept.
          logEvent("warn", "archive_claim_lost", { id });
          return;
        }
        logEvent("info", "archive_saved", { id, bytes: stored.bytes, ms: now() - started });
      } finally {
        clearTimeout(stall);
        downloads.delete(controller);
      }
    } catch (error) {
      // The store failed: the claim runs out and the video is tried again.
      logEvent("error", "archive_save_failed", { id, error: String(error) });
    } finally {
      wake();
    }
  }

  /** Retention (age, then size, oldest first), files of untracked tasks, and partial downloads. */
  async function housekeeping(at: number) {
    if (options.keepMs !== null) {
      const days = Math.round(options.keepMs / 86_400_000);
      for (;;) {
        const old = await savedOldestFirst(db, 100, at - options.keepMs);
        if (old.length === 0) break;
        for (const row of old) {
          await remove(
            row.task_id,
            `Removed after ${days} day${days === 1 ? "" : "s"} (PADDOCK_ARCHIVE_KEEP_DAYS).`,
            at,
          );
        }
      }
    }
    if (options.maxBytes !== null) {
      let { bytes } = await archiveTotals(db);
      const gigabytes = options.maxBytes / 1024 ** 3;
      while (bytes > options.maxBytes) {
        const oldest = await savedOldestFirst(db, 100);
        if (oldest.length === 0) break;
        for (const row of oldest) {
          if (bytes <= options.maxBytes) break;
          await remove(row.task_id, `Removed to keep the archive under ${gigabytes} GB (PADDOCK_ARCHIVE_MAX_GB).`, at);
          bytes -= Number(row.bytes ?? 0);
        }
      }
    }
    for (const row of await orphans(db, 500)) {
      if (row.lease_until !== null && row.lease_until >= at) continue;
      if (row.storage_key) await files.remove(row.storage_key);
      await forgetArchive(db, row.task_id);
    }
    await files.sweepPartials(Math.max(leaseMs, stallMs) * 2, at);
  }

  const remove = (id: string, reason: string, at: number) => removeSavedCopy(db, files, id, reason, at);

  const loop = backgroundLoop(pass, { idleMs: IDLE_MS, failedEvent: "archive_pass_failed" });
  const wake = () => loop.wake();

  return {
    start() {
      if (loop.start()) logEvent("info", "archive_started", { dir: files.dir });
    },
    async stop() {
      stopping = true;
      for (const download of downloads) download.abort(new Error("stopping"));
      await loop.stop();
      await Promise.allSettled(inFlight.values());
    },
    wake,
    /** One pass and the downloads it started, without the loop (tests). */
    async passOnce() {
      await pass();
      await Promise.allSettled(inFlight.values());
    },
    /** Housekeeping now, as the loop does each minute (tests, and after a change of settings). */
    housekeeping: () => housekeeping(now()),
  };
}

export type Archiver = ReturnType<typeof createArchiver>;

/** Removes a task's saved copy (any instance may: the files are shared); false when there was none. */
export async function removeSavedCopy(
  db: PaddockDb,
  files: ArchiveFiles,
  id: string,
  reason: string,
  at: number,
): Promise<boolean> {
  const key = await markDeleted(db, id, reason, at);
  if (key === null) return false;
  if (key) await files.remove(key);
  logEvent("info", "archive_removed", { id, reason });
  return true;
}
