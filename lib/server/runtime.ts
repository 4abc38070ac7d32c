import "server-only";

import { hostname } from "node:os";
import path from "node:path";

import { envSecrets, type PaddockEnv } from "@/lib/env-schema";
import { type CreateTaskResult, createTaskWith, fetchTaskWith } from "@/lib/happyhorse/client";
import { type ArchiveFiles, diskArchive } from "@/lib/server/archive/archive-files";
import { type Archiver, createArchiver } from "@/lib/server/archive/archiver";
import { s3Archive } from "@/lib/server/archive/s3-archive";
import { openDatabase, type PaddockDb } from "@/lib/server/db";
import { createStorageMonitor, type StorageMonitor } from "@/lib/server/db/storage-monitor";
import { getEnv } from "@/lib/server/env";
import { createCallBudget } from "@/lib/server/gateway/call-budget";
import { sqlGatewayState } from "@/lib/server/gateway/gateway-store";
import { createUpstreamGuard, type UpstreamGuard } from "@/lib/server/gateway/upstream-guard";
import { logEvent, registerSecret } from "@/lib/server/log";
import { createTokenBucket } from "@/lib/server/security/rate-limit";
import { type KeyedLimiter, memoryLimiter, sqlLimiter } from "@/lib/server/security/shared-limiter";
import { createPeeker } from "@/lib/server/tasks/peek";
import { giveUpOverdueTasks, recordRefresh, rederiveStaleTasks } from "@/lib/server/tasks/task-service";
import { getMeta, setMeta } from "@/lib/server/tasks/task-store";
import { insertTasks, updateLabel } from "@/lib/server/tasks/task-writes";
import { createWatcher, type Watcher } from "@/lib/server/watcher/watcher";
import { envEndpoints, registerCredentials } from "@/lib/server/webhooks/endpoints";
import {
  createWebhookDispatcher,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
} from "@/lib/server/webhooks/webhook-dispatcher";
import { DEMO_LABELS, demoTasks, DOCUMENTED_TASK_ID } from "@/lib/simulator/scenarios";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

/** Everything a route handler (or the watcher process) needs, created once per process on first use. */
export interface Runtime {
  env: PaddockEnv;
  db: PaddockDb;
  instanceId: string;
  gateway: UpstreamGuard;
  /** This process's watcher; null where PADDOCK_WATCHER=off (another process watches). */
  watcher: Watcher | null;
  /** The archive's files (null where PADDOCK_ARCHIVE=off): read by the video route on every instance. */
  archiveFiles: ArchiveFiles | null;
  /** This process's archiver, beside the watcher (null without either). */
  archiver: Archiver | null;
  /** This process's webhook delivery, beside the watcher (null where PADDOCK_WATCHER=off). */
  webhooks: WebhookDispatcher | null;
  /** A one-off look at an untracked id. */
  peek: ReturnType<typeof createPeeker>;
  /** Starts a generation at the gateway (never retried: a creation is not idempotent there). */
  createTask: (body: unknown) => Promise<CreateTaskResult>;
  /** Each client's budget of requests to Paddock's API, shared by every instance on PostgreSQL. */
  limiter: KeyedLimiter;
  /** Whether the store still keeps what is written (a deleted or read-only SQLite file, a refused write). */
  storage: StorageMonitor;
  simulator: Simulator | null;
  close(): Promise<void>;
}

const RUNTIME_KEY = Symbol.for("paddock.runtime");
type RuntimeHolder = { [RUNTIME_KEY]?: Promise<Runtime> };

/**
 * Starts Paddock's work at server start-up (from instrumentation.ts), so the watcher runs before
 * anyone looks. When the database or the simulator is not ready, says why once and tries again
 * every few seconds: a database that comes up, or a schema that gets migrated, is picked up
 * without a restart. Resolves after the first attempt either way.
 */
export async function startRuntimeAtBoot(onFailure: (message: string) => void): Promise<boolean> {
  let lastMessage = "";
  const attempt = async () => {
    try {
      await getRuntime();
      if (lastMessage) logEvent("info", "runtime_started_after_retry", {});
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== lastMessage) onFailure(message);
      lastMessage = message;
      return false;
    }
  };
  if (await attempt()) return true;
  const retry = setInterval(() => {
    void attempt().then((started) => {
      if (started) clearInterval(retry);
    });
  }, BOOT_RETRY_MS);
  retry.unref();
  return false;
}

const BOOT_RETRY_MS = 5_000;

export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as RuntimeHolder;
  holder[RUNTIME_KEY] ??= createRuntime(getEnv()).catch((error: unknown) => {
    delete holder[RUNTIME_KEY];
    throw error;
  });
  return holder[RUNTIME_KEY];
}

const PEEK_CONCURRENCY = 2;
/** How often the database file's identity and permissions are checked (and before every write). */
const STORAGE_CHECK_MS = 3_000;
const PEEK_PER_SECOND = 1;

/** Tests shorten the webhooks' delays and may give them a clock. */
type WebhookTuning = Partial<Pick<WebhookDispatcherOptions, "intervalMs" | "retryDelayMs" | "timeoutMs" | "now">>;

export async function createRuntime(
  env: PaddockEnv,
  options: { watcher?: boolean; webhooks?: WebhookTuning } = {},
): Promise<Runtime> {
  for (const secret of envSecrets(env)) registerSecret(secret);
  if (env.database.kind === "postgres") registerSecret(new URL(env.database.url).password);
  const simulator = env.simulator ? await startDemoSimulator(env) : null;
  let db: PaddockDb;
  try {
    db = await openDatabase(env.database, { migrate: env.migrateOnStart });
  } catch (error) {
    // The next attempt starts from scratch: the simulator's port must be free for it.
    await simulator?.stop();
    throw error;
  }
  try {
    await rederiveStaleTasks(db);
    if (simulator) await seedDemo(db);
  } catch (error) {
    await db.destroy();
    await simulator?.stop();
    throw error;
  }

  const storage = createStorageMonitor({
    sqlitePath: env.database.kind === "sqlite" ? env.database.path : null,
    onChange: (status, previous) =>
      status.state === "ok"
        ? logEvent("info", "storage_recovered", { was: previous.state })
        : logEvent("error", "storage_unavailable", {
            state: status.state,
            message: status.message,
            database: env.database.kind === "sqlite" ? path.resolve(env.database.path) : "postgres",
          }),
  });
  const storageTimer = setInterval(() => storage.check(), STORAGE_CHECK_MS);
  storageTimer.unref();

  const state = sqlGatewayState(db);
  const probeLeaseMs = env.upstream.timeoutMs + 1000;
  const gateway = createUpstreamGuard({
    state,
    intervalMs: env.pollIntervalMs,
    probeLeaseMs,
    keyProbeMs: env.upstream.keyProbeMs,
    retryAfterCapMs: env.upstream.retryAfterCapMs,
  });
  // A global budget keeps Paddock well under the account's query rate, however many tasks it watches.
  const budget = createCallBudget(state, env.limits.upstreamPerSecond);
  const fetchTask = (id: string) => gateway.run(() => budget.take().then(() => fetchTaskWith(env.upstream, id)));
  // Looks at untracked ids have a small budget of their own: a flood of them never takes the watcher's.
  const lookBudget = createTokenBucket(PEEK_CONCURRENCY, PEEK_PER_SECOND);
  const fetchUntracked = (id: string) =>
    gateway.run(() => lookBudget.take().then(() => fetchTaskWith(env.upstream, id)));
  const instanceId = env.watcher.instanceId ?? `${hostname()}-${process.pid}`;
  const watcher =
    (options.watcher ?? env.watcher.enabled)
      ? createWatcher({
          db,
          instanceId,
          fetchTask,
          record: (id, result, at) => recordRefresh(db, id, result, at, env.watch),
          beforePass: (now) => giveUpOverdueTasks(db, env.watch, now),
          retryAt: async () => (await gateway.status()).retryAt,
          intervalMs: env.pollIntervalMs,
          callsPerSecond: env.limits.upstreamPerSecond,
          concurrency: env.upstream.concurrency,
          leaseMs: env.upstream.timeoutMs + 1000,
          // Nothing is asked of the gateway that could not be stored.
          canWrite: () => storage.check().state === "ok",
          onWriteError: (error) => storage.noteWriteError(error),
        })
      : null;
  watcher?.start();
  const archiveFiles = env.archive
    ? env.archive.s3
      ? s3Archive({ ...env.archive.s3, secretAccessKey: env.archive.s3.secretAccessKey })
      : diskArchive(env.archive.dir)
    : null;
  const archiver =
    env.archive && archiveFiles && (options.watcher ?? env.watcher.enabled)
      ? createArchiver({
          db,
          files: archiveFiles,
          instanceId,
          videoHosts: env.videoHosts,
          keepMs: env.archive.keepMs,
          maxBytes: env.archive.maxBytes,
          fileMaxBytes: env.archive.fileMaxBytes,
          canWrite: () => storage.check().state === "ok",
        })
      : null;
  archiver?.start();
  const fromEnv = envEndpoints(env);
  for (const endpoint of fromEnv) registerCredentials(endpoint);
  // Webhooks follow the watcher: the process that watches also tells.
  const webhooks = watcher
    ? createWebhookDispatcher({
        db,
        instanceId,
        envEndpoints: fromEnv,
        publicUrl: env.access.publicUrl,
        canWrite: () => storage.check().state === "ok",
        ...options.webhooks,
      })
    : null;
  webhooks?.start();
  const peek = createPeeker({
    fetchTask: fetchUntracked,
    intervalMs: env.pollIntervalMs,
    concurrency: PEEK_CONCURRENCY,
  });
  const perMinute = env.limits.apiPerMinute;
  const burst = Math.max(10, Math.ceil(perMinute / 2));
  const limiter =
    env.database.kind === "postgres" ? sqlLimiter(db, burst, perMinute / 60) : memoryLimiter(burst, perMinute / 60);

  logEvent("info", "paddock_ready", {
    mode: env.mode,
    upstream: new URL(env.upstream.baseUrl).origin,
    pollIntervalMs: env.pollIntervalMs,
    database: env.database.kind === "sqlite" ? env.database.path : "postgres",
    watcher: watcher ? instanceId : "off",
    webhooksFromEnvironment: fromEnv.length,
    signIn: env.access.password !== null || env.access.oidc !== null,
  });
  return {
    env,
    db,
    instanceId,
    gateway,
    watcher,
    archiveFiles,
    archiver,
    webhooks,
    peek,
    // Within the global call budget, as every call to the gateway.
    createTask: (body) => budget.take().then(() => createTaskWith(env.upstream, body)),
    limiter,
    storage,
    simulator,
    async close() {
      clearInterval(storageTimer);
      await archiver?.stop();
      await watcher?.stop();
      await webhooks?.stop();
      await db.destroy();
      await simulator?.stop();
    },
  };
}

async function startDemoSimulator(env: PaddockEnv): Promise<Simulator> {
  const port = env.simulator?.port;
  return startSimulator({ apiKey: env.upstream.apiKey, port, timeScale: env.simulator?.timeScale }).catch(
    (error: unknown) => {
      throw new Error(
        `The demo simulator could not listen on 127.0.0.1:${port} (${String(error)}). Set SIMULATOR_PORT to a free port.`,
      );
    },
  );
}

/** On the first demo start the demo's tasks are tracked already; later starts leave the registry be. */
async function seedDemo(db: PaddockDb) {
  if ((await getMeta(db, "demo_seeded")) !== undefined) return;
  const ids = [...demoTasks(Date.now(), 1).map((task) => task.id), DOCUMENTED_TASK_ID];
  await insertTasks(db, ids, Date.now(), null);
  for (const [id, label] of Object.entries(DEMO_LABELS)) await updateLabel(db, id, label, Date.now());
  await setMeta(db, "demo_seeded", new Date().toISOString());
}
