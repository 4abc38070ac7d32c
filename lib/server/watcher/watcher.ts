import "server-only";

import type { FetchTaskResult } from "@/lib/happyhorse/client";
import { backgroundLoop } from "@/lib/server/background-loop";
import type { PaddockDb } from "@/lib/server/db";
import { isTransientDatabaseError } from "@/lib/server/db/errors";
import { logEvent } from "@/lib/server/log";
import {
  claimDueTasks,
  countWatched,
  nextDueAt,
  releaseTask,
  rescheduleTask,
  stopHeartbeat,
  writeHeartbeat,
} from "@/lib/server/watcher/watch-store";

/**
 * The one loop that asks the gateway about tracked tasks, whether or not anyone looks. Each pass
 * claims the due tasks it has room for (a lease in the database, so several instances share the
 * work and a dead one's tasks come back), times each task's next check from the start of its
 * call, and stores what the gateway said. When the active tasks need more calls than the budget
 * allows, the interval stretches to active tasks ÷ budget.
 */

export interface WatcherOptions {
  db: PaddockDb;
  instanceId: string;
  /** One call to the gateway through the guard and the budget; null when the guard held it back. */
  fetchTask: (id: string) => Promise<FetchTaskResult | null>;
  /** Stores one call's outcome (the task service's `recordRefresh`). */
  record: (id: string, result: FetchTaskResult, at: number) => Promise<void>;
  /** Before each pass: stop watching what outlived the watching limit. */
  beforePass?: (now: number) => Promise<unknown>;
  /** When a held call may be tried again. */
  retryAt: () => Promise<number | null>;
  intervalMs: number;
  callsPerSecond: number;
  concurrency: number;
  /** How long a claim lasts: longer than one call may take. */
  leaseMs: number;
  /** Whether the store keeps writes now; when not, no task is claimed (nothing would be kept). */
  canWrite?: () => boolean;
  /** Told of a failed write: true when it means the store cannot keep writes. */
  onWriteError?: (error: unknown) => boolean;
  now?: () => number;
}

export interface WatcherStatus {
  running: boolean;
  lastPassAt: number | null;
  effectiveIntervalMs: number;
  inFlight: number;
}

/** The longest sleep between passes: another instance's new task is picked up within it. */
const MAX_IDLE_MS = 1000;
const MIN_IDLE_MS = 20;
const HEARTBEAT_EVERY_MS = 1000;
const RECORD_ATTEMPTS = 4;
const RETRY_AFTER_DB_ERROR_MS = 1000;

export function createWatcher(options: WatcherOptions) {
  const { db, instanceId } = options;
  const now = options.now ?? Date.now;
  const inFlight = new Map<string, Promise<void>>();
  const startedAt = now();
  let lastPassAt: number | null = null;
  let lastBeatAt = 0;
  let effectiveIntervalMs = options.intervalMs;

  async function pass(): Promise<number> {
    const at = now();
    await options.beforePass?.(at);
    const { active } = await countWatched(db, at);
    effectiveIntervalMs = Math.max(options.intervalMs, Math.ceil((active / options.callsPerSecond) * 1000));
    const room = options.concurrency - inFlight.size;
    if (room > 0 && (options.canWrite?.() ?? true)) {
      const ids = await claimDueTasks(db, {
        owner: instanceId,
        now: at,
        limit: room,
        leaseUntil: at + options.leaseMs,
        nextCheckAt: at + effectiveIntervalMs,
      });
      for (const id of ids)
        inFlight.set(
          id,
          refresh(id).finally(() => inFlight.delete(id)),
        );
    }
    lastPassAt = now();
    if (lastPassAt - lastBeatAt >= HEARTBEAT_EVERY_MS) await heartbeat(lastPassAt);
    // Sleep until the next task falls due, waking at least once a second for other instances' news.
    if (inFlight.size >= options.concurrency) return MAX_IDLE_MS;
    const due = await nextDueAt(db, lastPassAt);
    return due === null ? MAX_IDLE_MS : Math.min(MAX_IDLE_MS, Math.max(MIN_IDLE_MS, due - now()));
  }

  async function refresh(id: string) {
    let stored = false;
    try {
      const result = await options.fetchTask(id);
      if (result === null) {
        await rescheduleTask(db, id, instanceId, (await options.retryAt()) ?? now() + effectiveIntervalMs);
        return;
      }
      await recordWithRetries(id, result, now());
      stored = true;
      await releaseTask(db, id, instanceId);
    } catch (error) {
      options.onWriteError?.(error);
      logEvent("error", "refresh_failed", { id, stored, error: String(error) });
      // Nothing is lost: an answer that was not stored is asked for again shortly; if even that
      // cannot be written, the lease runs out and any instance asks again.
      if (!stored) await rescheduleTask(db, id, instanceId, now() + RETRY_AFTER_DB_ERROR_MS).catch(() => undefined);
    } finally {
      wake();
    }
  }

  /** A connection lost for a moment must not lose the answer: the write is tried again. */
  async function recordWithRetries(id: string, result: FetchTaskResult, at: number) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await options.record(id, result, at);
      } catch (error) {
        if (attempt >= RECORD_ATTEMPTS || !isTransientDatabaseError(error)) throw error;
        logEvent("warn", "record_retried", { id, attempt, error: String(error) });
        await sleep(100 * 2 ** attempt);
      }
    }
  }

  async function heartbeat(at: number) {
    lastBeatAt = at;
    const backingOff = (await options.retryAt()) !== null;
    await writeHeartbeat(db, { instanceId, startedAt, at, lastPassAt, intervalMs: effectiveIntervalMs, backingOff });
  }

  const loop = backgroundLoop(pass, { idleMs: MAX_IDLE_MS, failedEvent: "watcher_pass_failed" });
  const wake = () => loop.wake();

  return {
    start() {
      if (loop.start()) logEvent("info", "watcher_started", { instanceId, intervalMs: options.intervalMs });
    },
    async stop() {
      await loop.stop();
      await Promise.allSettled(inFlight.values());
      await stopHeartbeat(db, instanceId).catch(() => undefined);
    },
    /** A task was added or asked for: look at once instead of after the idle sleep. */
    wake,
    /** One pass and the calls it started, without the loop: for tests on a fake clock. */
    async passOnce() {
      await pass();
      await Promise.allSettled(inFlight.values());
    },
    status(): WatcherStatus {
      return { running: loop.running, lastPassAt, effectiveIntervalMs, inFlight: inFlight.size };
    },
  };
}

export type Watcher = ReturnType<typeof createWatcher>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
