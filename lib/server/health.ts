import "server-only";

import { sql } from "kysely";

import type { HealthResponse } from "@/lib/api/health-schemas";
import type { Runtime } from "@/lib/server/runtime";
import { readWatcherStatus } from "@/lib/server/watcher/watcher-status";

const STARTED_AT = Date.now();

/** The process, the store, the watcher and the gateway, each as it is now. */
export async function readHealth(runtime: Runtime): Promise<HealthResponse> {
  const storage = runtime.storage.check();
  const answers = await sql`select 1 as one`
    .execute(runtime.db)
    .then(() => true)
    .catch(() => false);
  const [watcher, gateway] = answers
    ? await Promise.all([readWatcherStatus(runtime), runtime.gateway.status()])
    : [null, null];
  const failing = !answers || storage.state !== "ok";
  const degraded = !watcher || !gateway || (!watcher.running && watcher.activeTasks > 0) || gateway.state !== "ok";
  const now = Date.now();
  return {
    status: failing ? "failing" : degraded ? "degraded" : "ok",
    process: {
      instanceId: runtime.instanceId,
      uptimeSeconds: Math.round((now - STARTED_AT) / 1000),
      mode: runtime.env.mode,
    },
    store: { kind: runtime.env.database.kind, answers, storage },
    watcher: watcher ?? {
      running: false,
      instances: 0,
      lastPassAt: null,
      activeTasks: 0,
      dueTasks: 0,
      backingOff: false,
      intervalMs: runtime.env.pollIntervalMs,
      configuredIntervalMs: runtime.env.pollIntervalMs,
    },
    gateway: gateway ?? { state: "ok", failures: 0, retryAt: null, lastError: null },
    serverTime: now,
  };
}
