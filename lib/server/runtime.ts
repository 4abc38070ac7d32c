import "server-only";

import type { PaddockEnv } from "@/lib/env-schema";
import { fetchTaskWith } from "@/lib/happyhorse/client";
import { openDatabase, type PaddockDb } from "@/lib/server/db";
import { getEnv } from "@/lib/server/env";
import { createUpstreamGuard, type UpstreamGuard } from "@/lib/server/gateway/upstream-guard";
import { logEvent, registerSecret } from "@/lib/server/log";
import { createTokenBucket } from "@/lib/server/security/rate-limit";
import { createRefresher, type Refresher } from "@/lib/server/tasks/refresher";
import { recordRefresh, rederiveStaleTasks } from "@/lib/server/tasks/task-service";
import { getMeta, insertTasks, setMeta, updateLabel } from "@/lib/server/tasks/task-store";
import { DEMO_LABELS, demoTasks, DOCUMENTED_TASK_ID } from "@/lib/simulator/scenarios";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

/** Everything a route handler needs, created once per process on first use. */
export interface Runtime {
  env: PaddockEnv;
  db: PaddockDb;
  refresher: Refresher;
  gateway: UpstreamGuard;
  simulator: Simulator | null;
}

const RUNTIME_KEY = Symbol.for("paddock.runtime");
type RuntimeHolder = { [RUNTIME_KEY]?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as RuntimeHolder;
  holder[RUNTIME_KEY] ??= createRuntime(getEnv()).catch((error: unknown) => {
    delete holder[RUNTIME_KEY];
    throw error;
  });
  return holder[RUNTIME_KEY];
}

export async function createRuntime(env: PaddockEnv): Promise<Runtime> {
  for (const secret of [env.upstream.apiKey, env.access.password, env.access.apiToken, env.access.sessionSecret]) {
    registerSecret(secret);
  }
  const simulator = env.simulator
    ? await startSimulator({
        apiKey: env.upstream.apiKey,
        port: env.simulator.port,
        timeScale: env.simulator.timeScale,
      }).catch((error: unknown) => {
        throw new Error(
          `The demo simulator could not listen on 127.0.0.1:${env.simulator?.port} (${String(error)}). ` +
            "Set SIMULATOR_PORT to a free port.",
        );
      })
    : null;
  const db = await openDatabase(env.dbPath);
  await rederiveStaleTasks(db);
  if (simulator) await seedDemo(db);
  const gateway = createUpstreamGuard({ intervalMs: env.pollIntervalMs });
  // A global budget keeps Paddock well under the account's query rate, however many tasks it watches.
  const budget = createTokenBucket(env.limits.upstreamPerSecond, env.limits.upstreamPerSecond);
  const refresher = createRefresher({
    record: (id, result, at) => recordRefresh(db, id, result, at, env.watch),
    fetchTask: (id) => gateway.run(() => budget.take().then(() => fetchTaskWith(env.upstream, id))),
    intervalMs: env.pollIntervalMs,
    concurrency: env.upstream.concurrency,
  });
  logEvent("info", "paddock_ready", {
    mode: env.mode,
    upstream: new URL(env.upstream.baseUrl).origin,
    pollIntervalMs: env.pollIntervalMs,
    database: env.dbPath,
    signIn: env.access.password !== null,
  });
  return { env, db, refresher, gateway, simulator };
}

/** On the first demo start the demo's tasks are tracked already; later starts leave the registry be. */
async function seedDemo(db: PaddockDb) {
  if ((await getMeta(db, "demo_seeded")) !== undefined) return;
  const ids = [...demoTasks(Date.now(), 1).map((task) => task.id), DOCUMENTED_TASK_ID];
  await insertTasks(db, ids, Date.now(), null);
  for (const [id, label] of Object.entries(DEMO_LABELS)) await updateLabel(db, id, label);
  await setMeta(db, "demo_seeded", new Date().toISOString());
}
