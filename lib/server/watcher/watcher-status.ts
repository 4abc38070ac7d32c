import "server-only";

import type { WatcherStatus } from "@/lib/api/task-schemas";
import type { Runtime } from "@/lib/server/runtime";
import { countWatched, readWatchers } from "@/lib/server/watcher/watch-store";

/** A watcher that has not beaten for this long is taken for dead. */
const ALIVE_WITHIN_MS = 10_000;

/**
 * The truth about the watching, from the database, so any instance can tell it: whether some
 * watcher (here or in another process) is alive, when one last completed a pass (even if none is
 * alive now), how many tasks
 * are due, whether the gateway is being given a rest, and which interval is in force.
 */
export async function readWatcherStatus(runtime: Runtime, now = Date.now()): Promise<WatcherStatus> {
  const [{ live: watchers, lastPassAt }, counts] = await Promise.all([
    readWatchers(runtime.db, now - ALIVE_WITHIN_MS),
    countWatched(runtime.db, now),
  ]);
  const intervalMs = Math.max(
    runtime.env.pollIntervalMs,
    ...watchers.map((watcher) => Number(watcher.interval_ms ?? 0)),
  );
  return {
    running: watchers.length > 0,
    instances: watchers.length,
    lastPassAt,
    activeTasks: counts.active,
    dueTasks: counts.due,
    backingOff: watchers.some((watcher) => watcher.backing_off === 1),
    intervalMs,
    configuredIntervalMs: runtime.env.pollIntervalMs,
  };
}

/** How long a read of the watcher's status answers the API while the change log stands still. */
const SHARED_FRESH_MS = 1000;
const shared = new WeakMap<Runtime, { at: number; version: number; status: Promise<WatcherStatus> }>();

/**
 * The watcher's status for an API answer at change-log `version`: read once for every answer at
 * the same version within a second (a task that is added, changes or ends moves the version, so
 * counts are never older than their tasks; a pass time or a due count may be a second old).
 */
export function sharedWatcherStatus(runtime: Runtime, version: number): Promise<WatcherStatus> {
  const at = performance.now();
  const recent = shared.get(runtime);
  if (recent && recent.version === version && at - recent.at < SHARED_FRESH_MS) return recent.status;
  const status = readWatcherStatus(runtime);
  status.catch(() => shared.delete(runtime));
  shared.set(runtime, { at, version, status });
  return status;
}

/**
 * The watcher's status for an answer about one task, which no board count depends on: the last
 * read within a second, whatever the version since (asked for only when there is none).
 */
export function recentWatcherStatus(runtime: Runtime, version: () => Promise<number>): Promise<WatcherStatus> {
  const recent = shared.get(runtime);
  if (recent && performance.now() - recent.at < SHARED_FRESH_MS) return recent.status;
  return version().then((current) => sharedWatcherStatus(runtime, current));
}
