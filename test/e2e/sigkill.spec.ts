import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import Database from "better-sqlite3";

import type { BoardResponse } from "@/lib/api/task-schemas";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

import { startPaddock } from "../support/paddock-server";
import { expect, test } from "./support/fixtures";

const KEY = "sk-sigkill-test-key-0000";
const TASKS = Array.from({ length: 400 }, (_, i) => `asyntask_crash${i}`);
let sim: Simulator;
let dir: string;

test.beforeAll(async () => {
  // A slow simulated clock keeps every task active, so each refresh writes.
  sim = await startSimulator({ apiKey: KEY, timeScale: 0.02 });
  dir = mkdtempSync(path.join(tmpdir(), "paddock-sigkill-"));
});
test.afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test.describe("a process killed with SIGKILL in the middle of refreshing", () => {
  test("loses nothing: after a restart the registry and the snapshots are whole", async () => {
    const env = {
      HAPPYHORSE_API_KEY: KEY,
      HAPPYHORSE_BASE_URL: sim.url,
      PADDOCK_DB_PATH: path.join(dir, "paddock.db"),
      PADDOCK_UPSTREAM_MAX_RPS: "20",
      PADDOCK_UPSTREAM_CONCURRENCY: "8",
      PADDOCK_POLL_INTERVAL_MS: "250",
    };
    const first = await startPaddock(env);
    const tracked = await fetch(`${first.url}/api/tasks`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ids: TASKS }),
    });
    expect(tracked.status).toBe(201);
    // Refreshes are now being written; the board asks for more while the first ones land.
    void fetch(`${first.url}/api/tasks`).catch(() => undefined);
    await expect.poll(() => sim.stats().calls, { intervals: [50], timeout: 30_000 }).toBeGreaterThan(40);
    await first.kill();
    const callsAtKill = sim.stats().calls;
    expect(callsAtKill).toBeLessThan(TASKS.length * 2);

    const sqlite = new Database(env.PADDOCK_DB_PATH, { readonly: true });
    try {
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      const rows = sqlite.prepare("select id, raw_json, snapshot_at from tasks").all() as Array<{
        id: string;
        raw_json: string | null;
        snapshot_at: number | null;
      }>;
      expect(rows).toHaveLength(TASKS.length);
      const snapshots = rows.filter((row) => row.raw_json !== null);
      expect(snapshots.length).toBeGreaterThan(0);
      for (const row of snapshots) expect(() => JSON.parse(row.raw_json ?? "")).not.toThrow();
      const orphans = sqlite
        .prepare(
          "select count(*) as n from task_changes where kind <> 'untracked' and task_id not in (select id from tasks)",
        )
        .get() as {
        n: number;
      };
      expect(orphans.n).toBe(0);
    } finally {
      sqlite.close();
    }

    const second = await startPaddock(env);
    try {
      const board = (await (await fetch(`${second.url}/api/tasks?limit=500`)).json()) as BoardResponse;
      expect(board.tasks).toHaveLength(TASKS.length);
      expect(board.tasks.filter((task) => task.view !== null).length).toBeGreaterThan(0);
    } finally {
      await second.stop();
    }
  });
});
