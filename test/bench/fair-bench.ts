import { startSimulator } from "@/lib/simulator/server";

import { startPaddock } from "../support/paddock-server";

/**
 * Fair refresh order at scale: 20,000 tasks tracked (far more than the call budget covers in an
 * interval), then a new task is tracked: how long until its first refresh is stored. Goal: within
 * 2 s. Measured against the production build and the simulator over HTTP.
 */

const KEY = "sk-bench-fairness";
const TRACKED = 20_000;
const BATCH = 500;
const TRIES = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FairnessRun {
  tracked: number;
  firstRefreshMs: { median: number; longest: number; each: number[] };
  goal: string;
}

export async function fairnessRun(): Promise<FairnessRun> {
  const sim = await startSimulator({ apiKey: KEY, timeScale: 0.01 });
  const server = await startPaddock({
    HAPPYHORSE_API_KEY: KEY,
    HAPPYHORSE_BASE_URL: sim.url,
    PADDOCK_ACTIVE_TASK_QUOTA: String(TRACKED + 100),
    PADDOCK_API_RATE_PER_MINUTE: "100000",
  });
  const track = async (ids: string[]) => {
    const response = await fetch(`${server.url}/api/tasks`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ids }),
    });
    if (!response.ok) throw new Error(`tracking answered ${response.status}`);
  };
  try {
    for (let start = 0; start < TRACKED; start += BATCH) {
      await track(Array.from({ length: BATCH }, (_, i) => `task_fairBacklog${String(start + i).padStart(8, "0")}`));
    }
    await sleep(3_000); // the watcher is now busy with the backlog
    const each: number[] = [];
    for (let attempt = 0; attempt < TRIES; attempt += 1) {
      const id = `task_fairNew${String(attempt).padStart(8, "0")}`;
      const started = Date.now();
      await track([id]);
      for (;;) {
        const response = await fetch(`${server.url}/api/tasks/${id}`);
        const body = (await response.json()) as { task?: { checkedAt: number | null } };
        if (body.task?.checkedAt) break;
        if (Date.now() - started > 60_000) throw new Error("the new task was not refreshed within a minute");
        await sleep(50);
      }
      each.push(Date.now() - started);
      await sleep(1_000);
    }
    const sorted = [...each].sort((a, b) => a - b);
    return {
      tracked: TRACKED,
      firstRefreshMs: { median: sorted[Math.floor(sorted.length / 2)] ?? 0, longest: sorted.at(-1) ?? 0, each },
      goal: "<= 2000 ms",
    };
  } finally {
    await server.stop();
    await sim.stop();
  }
}
