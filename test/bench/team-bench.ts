/**
 * The team figures of `npm run bench`: the same twenty active tasks watched by one Paddock and by
 * three on one PostgreSQL, then one of the three killed. Reports upstream calls per task per
 * interval for each, the real period between two checks of a task, and how long the survivors
 * took to take the killed instance's tasks over.
 */
import { spawnSync } from "node:child_process";

import { startSimulator } from "@/lib/simulator/server";

import { type PaddockServer, startPaddock } from "../support/paddock-server";
import { createTestDatabase } from "../support/postgres";

const KEY = "sk-bench-team";
const INTERVAL_MS = 3_000;
const TASKS = Array.from({ length: 20 }, (_, i) => `task_benchTeam${String(i).padStart(2, "0")}`);

export interface TeamRun {
  instances: number;
  seconds: number;
  calls: number;
  callsPerTaskPerInterval: number;
  /** Between two checks of one task: median and longest, against the configured interval. */
  periodMs: { median: number; longest: number; configured: number };
  /** With three instances: from the kill to the last task the survivors picked up. */
  takeoverMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function teamRun(instanceCount: number, seconds: number, killOne: boolean): Promise<TeamRun> {
  const database = await createTestDatabase();
  const sim = await startSimulator({ apiKey: KEY, timeScale: 0.02 });
  const instances: PaddockServer[] = [];
  try {
    const migrate = spawnSync("npm", ["run", "--silent", "db:migrate"], {
      env: { ...process.env, DATABASE_URL: database.url },
      encoding: "utf8",
    });
    if (migrate.status !== 0) throw new Error(`db:migrate failed: ${migrate.stderr}`);
    for (let i = 0; i < instanceCount; i += 1) {
      instances.push(
        await startPaddock({
          HAPPYHORSE_API_KEY: KEY,
          HAPPYHORSE_BASE_URL: sim.url,
          HAPPYHORSE_TIMEOUT_MS: "1500",
          DATABASE_URL: database.url,
          PADDOCK_INSTANCE_ID: `bench-${i}`,
          PADDOCK_POLL_INTERVAL_MS: String(INTERVAL_MS),
          PADDOCK_UPSTREAM_MAX_RPS: "20",
        }),
      );
    }
    const [first] = instances;
    if (!first) throw new Error("No instance started.");
    const added = await fetch(`${first.url}/api/tasks`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ids: TASKS }),
    });
    if (!added.ok) throw new Error(`Could not add the tasks: ${added.status}`);
    // Every task checked once before the clock starts.
    while (TASKS.some((id) => (sim.stats().byId[id] ?? 0) === 0)) await sleep(200);
    sim.resetStats();

    const started = Date.now();
    let killedAt: number | null = null;
    if (killOne) {
      await sleep((seconds * 1000) / 2);
      killedAt = Date.now();
      await instances[1]?.kill();
      await sleep((seconds * 1000) / 2);
    } else {
      await sleep(seconds * 1000);
    }
    const ended = Date.now();

    const calls = sim.callLog().filter((call) => TASKS.includes(call.id));
    const periods: number[] = [];
    let takeoverMs = 0;
    for (const id of TASKS) {
      const times = calls.filter((call) => call.id === id).map((call) => call.at);
      for (let i = 1; i < times.length; i += 1) periods.push((times[i] ?? 0) - (times[i - 1] ?? 0));
      if (killedAt !== null) {
        // The first check after the kill that came later than the task's schedule would have.
        const before = times.filter((at) => at <= killedAt).at(-1) ?? killedAt;
        const after = times.find((at) => at > killedAt);
        if (after !== undefined) takeoverMs = Math.max(takeoverMs, after - Math.max(killedAt, before + INTERVAL_MS));
      }
    }
    periods.sort((a, b) => a - b);
    const intervals = (ended - started) / INTERVAL_MS;
    return {
      instances: instanceCount,
      seconds,
      calls: calls.length,
      callsPerTaskPerInterval: Number((calls.length / (TASKS.length * intervals)).toFixed(3)),
      periodMs: {
        median: periods[Math.floor(periods.length / 2)] ?? 0,
        longest: periods.at(-1) ?? 0,
        configured: INTERVAL_MS,
      },
      ...(killedAt !== null ? { takeoverMs: Math.max(0, takeoverMs) } : {}),
    };
  } finally {
    for (const instance of instances) await instance.stop();
    await sim.stop();
    await database.drop();
  }
}
