import { spawnSync } from "node:child_process";

import pg from "pg";

import { type Simulator, startSimulator } from "@/lib/simulator/server";

import { type PaddockServer, startPaddock } from "../support/paddock-server";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { rawRequest } from "../support/raw-http";
import { attachOnFailure, expect, test } from "./support/fixtures";

/**
 * Three Paddock processes on one PostgreSQL, as a team runs it: sessions and client budgets hold
 * on every instance, the gateway's breaker is shared, twenty active tasks cost the gateway one
 * call per task per interval in total, and when one instance is killed the others take its tasks
 * over within two intervals (and the moment a watcher takes to call), with every change in the log
 * exactly once.
 */

const KEY = "sk-multi-instance-key-0000";
const PASSWORD = "team password for three";
const TOKEN = "multi-instance-script-token-0001";
const INTERVAL_MS = 3_000;
const RUN_MS = 60_000;
/** What a takeover may add to two intervals: a watcher's wake-up, its claim and its call. */
const TAKEOVER_SLACK_MS = 1_000;
const TASKS = Array.from({ length: 20 }, (_, i) => `task_multi${String(i).padStart(2, "0")}`);

test.describe.configure({ mode: "serial", timeout: 300_000 });

let database: TestDatabase;
let sim: Simulator;
let instances: PaddockServer[] = [];

const api = (instance: PaddockServer, path: string, init: RequestInit = {}) =>
  fetch(`${instance.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...init.headers },
  });

test.beforeAll(async () => {
  database = await createTestDatabase();
  // On PostgreSQL the schema is migrated explicitly, never by an instance on its own.
  const migrate = spawnSync("npm", ["run", "--silent", "db:migrate"], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: "utf8",
  });
  expect(migrate.status, migrate.stderr).toBe(0);
  // Tasks take about two and a half minutes here: they move all through the run.
  sim = await startSimulator({ apiKey: KEY, timeScale: 0.4 });
  const env = (id: string) => ({
    HAPPYHORSE_API_KEY: KEY,
    HAPPYHORSE_BASE_URL: sim.url,
    HAPPYHORSE_TIMEOUT_MS: "1500",
    DATABASE_URL: database.url,
    PADDOCK_INSTANCE_ID: id,
    PADDOCK_POLL_INTERVAL_MS: String(INTERVAL_MS),
    PADDOCK_UPSTREAM_MAX_RPS: "20",
    PADDOCK_PASSWORD: PASSWORD,
    PADDOCK_API_TOKEN: TOKEN,
    PADDOCK_SESSION_SECRET: "a-shared-session-secret-for-the-team-0001",
    PADDOCK_API_RATE_PER_MINUTE: "600",
  });
  instances = await Promise.all(["web-a", "web-b", "web-c"].map((id) => startPaddock(env(id))));
});
test.afterAll(async () => {
  for (const instance of instances) await instance.stop();
  await sim?.stop();
  await database?.drop();
});
test.afterEach(async ({}, testInfo) => {
  for (const [index, instance] of instances.entries()) {
    await attachOnFailure(testInfo, `instance-${index}.log`, instance.logs.join(""));
  }
});

test("a session made on one instance works on the others, and a client's budget is shared", async () => {
  const [a, b, c] = instances;
  if (!a || !b || !c) throw new Error("The instances did not start.");
  const signIn = await rawRequest(a.url, "POST", "/api/session", JSON.stringify({ password: PASSWORD }), {
    "Content-Type": "application/json",
  });
  expect(signIn.status).toBe(200);
  const cookie = String(signIn.headers["set-cookie"]).split(";")[0] ?? "";
  for (const instance of [b, c]) {
    expect((await rawRequest(instance.url, "GET", "/api/tasks", undefined, { Cookie: cookie })).status).toBe(200);
  }

  // 600 a minute allows a burst of 300 and 10 more a second: a client spreading 400 requests over
  // three instances gets about that, where three budgets of its own would let all 400 through.
  const started = Date.now();
  const statuses = await Promise.all(
    Array.from({ length: 400 }, async (_, i) => {
      const instance = instances[i % 3] ?? a;
      const headers = { "X-Forwarded-For": "198.51.100.77" };
      return (await rawRequest(instance.url, "GET", "/api/session", undefined, headers)).status;
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const allowed = statuses.filter((status) => status === 200).length;
  expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
  expect(allowed).toBeGreaterThanOrEqual(290);
  expect(allowed).toBeLessThanOrEqual(Math.min(399, 300 + Math.ceil(10 * seconds) + 5));
});

test("the gateway's breaker is shared: a failing gateway gets a handful of calls from all three", async () => {
  const [a] = instances;
  if (!a) throw new Error("The instances did not start.");
  const tracked = await api(a, "/api/tasks", { method: "POST", body: JSON.stringify({ ids: TASKS }) });
  expect(tracked.status).toBe(201);
  // Every instance answers the same board.
  for (const instance of instances) {
    const board = (await (await api(instance, "/api/tasks")).json()) as { tasks: unknown[] };
    expect(board.tasks).toHaveLength(TASKS.length);
  }
  await expect
    .poll(async () =>
      ((await (await api(a, "/api/tasks")).json()) as { tasks: Array<{ view: unknown }> }).tasks.every(
        (task) => task.view !== null,
      ),
    )
    .toBe(true);

  sim.setFault("http_500");
  sim.resetStats();
  const outageMs = 5 * INTERVAL_MS;
  await new Promise((resolve) => setTimeout(resolve, outageMs));
  const duringOutage = sim.stats().calls;
  sim.setFault("none");
  test.info().annotations.push({
    type: "figures",
    description: `${duringOutage} calls during a ${outageMs / 1000} s outage (each task once per interval: ${TASKS.length * 5})`,
  });
  // The first calls before the circuit opened (three instances, four at a time), then one probe per half interval.
  expect(duringOutage).toBeLessThan(TASKS.length * 5 * 0.4);
  await expect
    .poll(async () => ((await (await api(a, "/api/tasks")).json()) as { gateway: { state: string } }).gateway.state, {
      timeout: 30_000,
    })
    .toBe("ok");
});

test("twenty tasks cost one call per task per interval in total, and a killed instance loses nothing", async ({}, testInfo) => {
  const [, b] = instances;
  if (!b) throw new Error("The instances did not start.");
  sim.resetStats();
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, RUN_MS / 2));
  const killedAt = Date.now();
  await b.kill();
  await new Promise((resolve) => setTimeout(resolve, RUN_MS / 2));
  const ended = Date.now();

  const calls = sim.callLog().filter((call) => TASKS.includes(call.id));
  const intervals = (ended - started) / INTERVAL_MS;
  const ratio = calls.length / (TASKS.length * intervals);
  let longestGapMs = 0;
  for (const id of TASKS) {
    const times = [started, ...calls.filter((call) => call.id === id).map((call) => call.at), ended];
    for (let i = 1; i < times.length; i += 1)
      longestGapMs = Math.max(longestGapMs, (times[i] ?? 0) - (times[i - 1] ?? 0));
  }
  testInfo.annotations.push({
    type: "figures",
    description:
      `${calls.length} calls for ${TASKS.length} tasks over ${intervals.toFixed(1)} intervals: ` +
      `${ratio.toFixed(3)} per task per interval; longest gap ${longestGapMs} ms (one instance killed at +${killedAt - started} ms)`,
  });
  expect(ratio).toBeLessThanOrEqual(1.05);
  // By design at most two intervals and the moment a watcher takes to wake, claim and call: a task
  // the killed instance had just claimed comes due again one interval after that claim (its lease
  // runs out before). The exact two intervals was missed by 3 ms once on a slow machine.
  expect(longestGapMs).toBeLessThanOrEqual(2 * INTERVAL_MS + TAKEOVER_SLACK_MS);

  // The log: every sequence number once, and no change written twice for the same state.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: string; task_id: string; kind: string; state: string }>(
      `select seq, task_id, kind, concat_ws('/', status, upstream_status, progress, has_video, failure_category) as state
       from task_changes order by seq`,
    );
    const seqs = rows.map((row) => Number(row.seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    for (const id of TASKS) {
      const states = rows.filter((row) => row.task_id === id && row.kind === "changed").map((row) => row.state);
      for (let i = 1; i < states.length; i += 1) {
        expect(states[i], `${id} logged the same state twice`).not.toBe(states[i - 1]);
      }
      // Each task was seen waiting, queued and generating: no step was lost.
      for (const status of ["NOT_START", "QUEUED", "IN_PROGRESS"]) {
        expect(
          states.some((state) => state.startsWith(`${status}/`)),
          `${id} never logged ${status}`,
        ).toBe(true);
      }
    }
  } finally {
    await client.end();
  }
});
