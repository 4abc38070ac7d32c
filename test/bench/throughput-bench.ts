import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import autocannon from "autocannon";

import type { TaskResponse } from "@/lib/api/task-schemas";

import { freePort, startPaddock } from "../support/paddock-server";
import { seedBoard } from "../support/seed-board";
import { round, sleep, track } from "./bench-util";

/**
 * Requests per second of Paddock's reads beside a bare Next.js route of the same build and server
 * (`/api/bench/bare`: no access check, no rate limit, no store), so the figure says what Paddock's
 * own work costs rather than how fast this machine is. Demo mode (the built-in simulator), a board
 * of 2,000 finished tasks; every target gets the same autocannon settings (10 connections, a 2 s
 * warm-up, then 10 s). The bare route is measured first and last and its mean is the baseline,
 * so a machine that gets busier during the run does not favour either side. autocannon runs on the
 * same two cores as the server: the absolute figures are low, the ratios are what to read.
 *
 * The API's per-client limit is raised to its maximum (100,000 a minute: a burst of 50,000 and
 * 1,667 a second after it), which covers 12 s of up to about 5,800 requests a second per target;
 * non-2xx answers are counted and should be 0.
 */

const BOARD_SIZE = 2_000;
const CONNECTIONS = 10;
const WARMUP_S = 2;
const SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10);
const GOALS = { task: 0.7, board: 0.5 };

export interface TargetRun {
  path: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

export interface ThroughputRun {
  boardTasks: number;
  connections: number;
  seconds: number;
  bare: { requestsPerSecond: number; first: TargetRun; last: TargetRun };
  taskRead: TargetRun & { ratioToBare: number; goal: string };
  boardPage: TargetRun & { ratioToBare: number; goal: string };
}

async function cannon(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds });
}

async function measure(base: string, target: string): Promise<TargetRun> {
  const warm = await cannon(`${base}${target}`, WARMUP_S);
  const run = await cannon(`${base}${target}`, SECONDS);
  return {
    path: target,
    requestsPerSecond: round(run.requests.average),
    latencyMs: { p50: run.latency.p50, p99: run.latency.p99 },
    // Any refusal counts, the warm-up's too: a limit that bites would skew the figure.
    non2xx: warm.non2xx + run.non2xx,
    errors: warm.errors + run.errors,
  };
}

/** Tracks a few new tasks and answers the first one the simulator finishes with a success. */
async function finishedTask(url: string): Promise<string> {
  const ids = Array.from({ length: 5 }, (_, i) => `asyntask_benchThroughputDone${i}`);
  await track(url, ids);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    for (const id of ids) {
      const response = await fetch(`${url}/api/tasks/${id}`);
      if (!response.ok) continue;
      const body = (await response.json()) as TaskResponse;
      if (body.task.view?.status.value === "SUCCESS") return id;
    }
    await sleep(500);
  }
  throw new Error("no tracked task finished within a minute");
}

export async function throughputRun(): Promise<ThroughputRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "paddock-throughput-bench-"));
  const dbPath = path.join(dir, "paddock.db");
  // The simulator's clock runs 20 times faster: a new task finishes in 3 s.
  const demo = { SIMULATOR_TIME_SCALE: "20", PADDOCK_POLL_INTERVAL_MS: "1000" };
  try {
    await seedBoard({
      size: BOARD_SIZE,
      dbPath,
      env: { ...demo, SIMULATOR_PORT: String(await freePort()) },
      prefix: "throughputBench",
    });
    const server = await startPaddock({
      ...demo,
      SIMULATOR_PORT: String(await freePort()),
      PADDOCK_DB_PATH: dbPath,
      PADDOCK_BENCH_BARE: "1",
      PADDOCK_API_RATE_PER_MINUTE: "100000",
    });
    try {
      const id = await finishedTask(server.url);
      const first = await measure(server.url, "/api/bench/bare");
      const task = await measure(server.url, `/api/tasks/${id}`);
      const board = await measure(server.url, "/api/tasks?limit=100");
      const last = await measure(server.url, "/api/bench/bare");
      const bare = round((first.requestsPerSecond + last.requestsPerSecond) / 2);
      const ratio = (run: TargetRun) => round(run.requestsPerSecond / bare, 2);
      return {
        boardTasks: BOARD_SIZE,
        connections: CONNECTIONS,
        seconds: SECONDS,
        bare: { requestsPerSecond: bare, first, last },
        taskRead: { ...task, ratioToBare: ratio(task), goal: `>= ${GOALS.task}x bare` },
        boardPage: { ...board, ratioToBare: ratio(board), goal: `>= ${GOALS.board}x bare` },
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printThroughput(run: ThroughputRun) {
  const row = (label: string, target: TargetRun, ratio: string) =>
    console.log(
      `  ${label.padEnd(34)} ${String(target.requestsPerSecond).padStart(8)} req/s  p50 ${String(target.latencyMs.p50).padStart(4)} ms  p99 ${String(target.latencyMs.p99).padStart(4)} ms  non-2xx ${target.non2xx}  ${ratio}`,
    );
  row("bare route (first)", run.bare.first, "");
  row("GET /api/tasks/{id} (finished)", run.taskRead, `x${run.taskRead.ratioToBare} (goal >= ${GOALS.task})`);
  row(
    `GET /api/tasks?limit=100 (${run.boardTasks.toLocaleString("en")})`,
    run.boardPage,
    `x${run.boardPage.ratioToBare} (goal >= ${GOALS.board})`,
  );
  row("bare route (last)", run.bare.last, `baseline: mean ${run.bare.requestsPerSecond} req/s`);
}
