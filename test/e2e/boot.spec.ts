import { spawnSync } from "node:child_process";

import { type Simulator, startSimulator } from "@/lib/simulator/server";

import { type PaddockServer, startPaddock } from "../support/paddock-server";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { attachOnFailure, expect, test } from "./support/fixtures";

/**
 * What a server does when it starts, before anyone looks: on a database whose schema is behind
 * it says to migrate, answers 503, and carries on by itself once migrated; and its watcher asks
 * the gateway about the tracked tasks with no page open and no request made.
 */

const KEY = "sk-boot-test-key-00000000";
const TASKS = Array.from({ length: 5 }, (_, i) => `asyntask_boot${i}`);

test.describe.configure({ mode: "serial", timeout: 240_000 });

let database: TestDatabase;
let sim: Simulator;
let server: PaddockServer | null = null;

test.beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startSimulator({ apiKey: KEY, timeScale: 0.05 });
});
test.afterAll(async () => {
  await server?.stop();
  await sim?.stop();
  await database?.drop();
});
test.afterEach(async ({}, testInfo) => {
  await attachOnFailure(testInfo, "server.log", server?.logs.join("") ?? "");
});

const env = () => ({
  HAPPYHORSE_API_KEY: KEY,
  HAPPYHORSE_BASE_URL: sim.url,
  DATABASE_URL: database.url,
  PADDOCK_POLL_INTERVAL_MS: "1000",
});

test("a schema that is behind: the server says to migrate, and starts by itself once it is migrated", async () => {
  server = await startPaddock(env(), { readyWhen: /could not start/ });
  const log = () => server?.logs.join("") ?? "";
  expect(log()).toContain("npm run db:migrate");
  const refused = await fetch(`${server.url}/api/tasks`);
  expect(refused.status).toBe(503);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("paddock_unavailable");

  const migrate = spawnSync("npm", ["run", "--silent", "db:migrate"], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: "utf8",
  });
  expect(migrate.status, migrate.stderr).toBe(0);
  expect(migrate.stdout).toContain("Applied");

  const url = server.url;
  // A connection closed while the server retries its start is "not yet", like any other answer.
  const status = () =>
    fetch(`${url}/api/tasks`).then(
      (response) => response.status,
      () => 0,
    );
  await expect.poll(status, { timeout: 30_000 }).toBe(200);
  const added = await fetch(`${url}/api/tasks`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids: TASKS }),
  });
  expect(added.status).toBe(201);
  await server.stop();
  server = null;
});

test("after a restart the watcher works with nobody looking", async () => {
  sim.resetStats();
  // Ready when its log says so: no request is made to it at all in this test.
  server = await startPaddock(env(), { readyWhen: /"event":"live_mode"/ });
  await expect.poll(() => TASKS.every((id) => (sim.stats().byId[id] ?? 0) >= 2), { timeout: 30_000 }).toBe(true);
});
