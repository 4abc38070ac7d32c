import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { startSimulator } from "@/lib/simulator/server";

import { startPaddock } from "../support/paddock-server";
import { seedBoard } from "../support/seed-board";
import { round, rssMb, serverPid, sleep, track } from "./bench-util";

/**
 * The server's memory over a long watch: 20,000 tracked tasks (finished), 10 active ones the
 * watcher keeps asking about (the simulator's clock is slowed so they stay active all along), and
 * 5 viewers polling the board's first page as a browser does (If-None-Match, at the interval).
 * Reports the server process's resident memory (VmRSS) after a warm-up and at the end, with the
 * highest sample (every 10 s). BENCH_MEMORY_SECONDS sets the length (default 300).
 */

const KEY = "sk-bench-memory";
const TRACKED = 20_000;
const ACTIVE = 10;
const VIEWERS = 5;
const INTERVAL_MS = 2_000;
const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 300);
const SAMPLE_EVERY_MS = 10_000;

export interface MemoryRun {
  tracked: number;
  activeTasks: number;
  viewers: number;
  seconds: number;
  intervalMs: number;
  boardRequests: { total: number; notModified: number; failed: number };
  rssMb: { start: number; end: number; peak: number; growth: number; samples: number[] };
}

export async function memoryRun(): Promise<MemoryRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "paddock-memory-bench-"));
  const dbPath = path.join(dir, "paddock.db");
  // A task's life is a minute at scale 1: at 0.1 the active tasks outlast a 5-minute run.
  const sim = await startSimulator({ apiKey: KEY, timeScale: 0.1 });
  const env = {
    HAPPYHORSE_API_KEY: KEY,
    HAPPYHORSE_BASE_URL: sim.url,
    PADDOCK_POLL_INTERVAL_MS: String(INTERVAL_MS),
    PADDOCK_API_RATE_PER_MINUTE: "100000",
  };
  try {
    await seedBoard({ size: TRACKED, dbPath, env, prefix: "memoryBench" });
    const server = await startPaddock({ ...env, PADDOCK_DB_PATH: dbPath });
    try {
      if (server.pid === undefined) throw new Error("the server has no pid");
      const pid = serverPid(server.pid);
      await track(
        server.url,
        Array.from({ length: ACTIVE }, (_, i) => `asyntask_memoryBenchActive${i}`),
      );
      const requests = { total: 0, notModified: 0, failed: 0 };
      const viewer = async (index: number, until: number) => {
        await sleep((index / VIEWERS) * INTERVAL_MS);
        let etag = "";
        while (Date.now() < until) {
          const response = await fetch(`${server.url}/api/tasks?limit=100`, { headers: { "If-None-Match": etag } });
          await response.arrayBuffer();
          requests.total += 1;
          if (response.status === 304) requests.notModified += 1;
          else if (response.ok) etag = response.headers.get("etag") ?? etag;
          else requests.failed += 1;
          await sleep(INTERVAL_MS);
        }
      };
      // A warm-up: the first answers load the runtime and fill the caches that are meant to stay.
      await Promise.all(Array.from({ length: VIEWERS }, (_, i) => viewer(i, Date.now() + 3 * INTERVAL_MS)));
      Object.assign(requests, { total: 0, notModified: 0, failed: 0 });
      const start = rssMb(pid);
      const samples = [start];
      const until = Date.now() + SECONDS * 1000;
      const sampler = (async () => {
        while (Date.now() < until) {
          await sleep(Math.min(SAMPLE_EVERY_MS, Math.max(0, until - Date.now())));
          samples.push(rssMb(pid));
        }
      })();
      await Promise.all([...Array.from({ length: VIEWERS }, (_, i) => viewer(i, until)), sampler]);
      const end = rssMb(pid);
      return {
        tracked: TRACKED,
        activeTasks: ACTIVE,
        viewers: VIEWERS,
        seconds: SECONDS,
        intervalMs: INTERVAL_MS,
        boardRequests: requests,
        rssMb: { start, end, peak: Math.max(...samples, end), growth: round(end - start), samples },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printMemory(run: MemoryRun) {
  console.log(
    `  ${run.seconds} s, ${run.viewers} viewers every ${run.intervalMs / 1000} s (${run.boardRequests.total} board requests, ${run.boardRequests.notModified} of them 304, ${run.boardRequests.failed} failed)`,
  );
  console.log(
    `  server RSS: ${run.rssMb.start} MB after the warm-up, ${run.rssMb.end} MB at the end (${run.rssMb.growth >= 0 ? "+" : ""}${run.rssMb.growth} MB), highest ${run.rssMb.peak} MB`,
  );
}
