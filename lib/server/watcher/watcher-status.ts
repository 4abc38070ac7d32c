import "server-only";

import type { WatcherStatus } from "@/lib/api/task-schemas";
import type { Runtime } from "@/lib/server/runtime";
import { countWatched, liveWatchers } from "@/lib/server/watcher/watch-store";

/** A watcher that has not beaten for this long is taken for dead. */
const ALIVE_WITHIN_MS = 10_000;

/**
 * The truth about the watching, from the database, so any instance can tell it: whether some
 * watcher (here or in another process) is alive, when one last completed a pass, how many tasks
 * are due, whether the gateway is being given a rest, and which interval is in force.
 */
export async function readWatcherStatus(runtime: Runtime, now = Date.now()): Promise<WatcherStatus> {
  const [watchers, counts] = await Promise.all([
    liveWatchers(runtime.db, now - ALIVE_WITHIN_MS),
    countWatched(runtime.db, now),
  ]);
  const lastPassAt = watchers.reduce<number | null>(
    (latest, watcher) =>
      watcher.last_pass_at !== null && watcher.last_pass_at > (latest ?? 0) ? watcher.last_pass_at : latest,
    null,
  );
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
