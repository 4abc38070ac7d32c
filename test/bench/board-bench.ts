import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { startSimulator } from "@/lib/simulator/server";

import { startPaddock } from "../support/paddock-server";
import { seedBoard } from "../support/seed-board";

/**
 * The board API at team scale: 50, 2,000 and 20,000 tracked tasks, each with a full snapshot
 * (the documented answer). For each size: the first page's time and bytes, and an idle poll
 * (If-None-Match) that should be a bodiless 304. The watcher is off during the measurement, so
 * nothing changes between polls. Goal: the first page at 20,000 within 1.5x of 50.
 *
 * The server keeps a built answer a few seconds for every viewer of the same view, so the same URL
 * asked again times that shared answer, not a build. The first page's time is therefore a build
 * each time: before every sample one task's label changes (not timed), as a change on a team's board
 * would, so the answer is built again: the counts, the page's query and the serialization. The
 * shared answer's time (the same page again, nothing changed) is kept beside it.
 */

const KEY = "sk-bench-board";
const SIZES = [50, 2_000, 20_000];
const SAMPLES = 21;

export interface BoardScaleRow {
  tasks: number;
  /** A build: counts, the page's query and its serialization (median). */
  firstPageMs: number;
  firstPageBytes: number;
  /** The same page again within seconds: the answer built for the first viewer (median). */
  sharedPageMs: number;
  idlePollStatus: number;
  idlePollBytes: number;
  idlePollMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** What a browser sends (Node's fetch alone asks for gzip only): a board's viewers get Brotli. */
const BROWSER_ENCODINGS = { "Accept-Encoding": "gzip, deflate, br, zstd" };

async function timed(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, { headers: { ...BROWSER_ENCODINGS, ...headers } });
  const body = await response.arrayBuffer();
  return {
    ms: performance.now() - started,
    status: response.status,
    bytes: body.byteLength,
    etag: response.headers.get("etag"),
  };
}

/** The board of `size` finished tasks, then Paddock on it with the watcher off. */
async function seeded(size: number, dbPath: string, simUrl: string) {
  const env = {
    HAPPYHORSE_API_KEY: KEY,
    HAPPYHORSE_BASE_URL: simUrl,
    PADDOCK_DB_PATH: dbPath,
    PADDOCK_WATCHER: "off",
    PADDOCK_ACTIVE_TASK_QUOTA: String(size + 100),
    PADDOCK_API_RATE_PER_MINUTE: "100000",
  };
  const [first] = await seedBoard({ size, dbPath, env, prefix: "boardBench" });
  if (!first) throw new Error("no task was seeded");
  return { server: await startPaddock(env), first };
}

export async function boardScaleRun(): Promise<BoardScaleRow[]> {
  const sim = await startSimulator({ apiKey: KEY, timeScale: 0.01 });
  const rows: BoardScaleRow[] = [];
  try {
    for (const size of SIZES) {
      const dir = mkdtempSync(path.join(tmpdir(), "paddock-board-bench-"));
      const { server, first } = await seeded(size, path.join(dir, "paddock.db"), sim.url);
      try {
        const url = `${server.url}/api/tasks?limit=100`;
        await timed(url); // warm
        const firsts = [];
        for (let i = 0; i < SAMPLES; i += 1) {
          const relabel = await fetch(`${server.url}/api/tasks/${first}`, {
            method: "PATCH",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ label: `bench ${i}` }),
          });
          if (!relabel.ok) throw new Error(`the label change answered ${relabel.status}`);
          firsts.push(await timed(url));
        }
        const shared = [];
        for (let i = 0; i < SAMPLES; i += 1) shared.push(await timed(url));
        const etag = shared.at(-1)?.etag ?? "";
        const idles = [];
        for (let i = 0; i < SAMPLES; i += 1) idles.push(await timed(url, { "If-None-Match": etag }));
        rows.push({
          tasks: size,
          firstPageMs: Number(median(firsts.map((r) => r.ms)).toFixed(1)),
          firstPageBytes: firsts[0]?.bytes ?? 0,
          sharedPageMs: Number(median(shared.map((r) => r.ms)).toFixed(1)),
          idlePollStatus: idles.at(-1)?.status ?? 0,
          idlePollBytes: idles.at(-1)?.bytes ?? 0,
          idlePollMs: Number(median(idles.map((r) => r.ms)).toFixed(1)),
        });
      } finally {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await sim.stop();
  }
  return rows;
}
