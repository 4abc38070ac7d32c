/**
 * The usage answer for 100,000 tracked tasks: time and memory. Run by run.ts in a child process
 * (`node --conditions=react-server --import tsx`), so the server modules load as they do in Next.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { openDatabase } from "@/lib/server/db";
import { streamTasksCsv } from "@/lib/server/usage/usage-export";
import { computeUsage } from "@/lib/server/usage/usage-store";

const TASKS = Number(process.env.BENCH_USAGE_TASKS ?? 100_000);
const DAY = 86_400_000;
const ACTIONS = ["generate", "referenceGenerate", "omniGenerate", "firstTailGenerate"];
const LABELS = ["Ada", "Spring campaign", "Client: Northwind", null];
const CATEGORIES = ["moderation", "bad_request", "upstream_fault", "rate_limited"];

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "paddock-bench-"));
  const db = await openDatabase(path.join(dir, "bench.db"));
  const now = Date.now();
  const insertStarted = performance.now();
  for (let start = 0; start < TASKS; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, TASKS - start) }, (_, offset) => {
      const i = start + offset;
      const failed = i % 9 === 0;
      const active = i % 50 === 1;
      const tier = i % 3 === 0 ? 1080 : 720;
      const submitted = now - (i % 30) * DAY - (i % 7919) * 1000;
      return {
        id: `asyntask_bench${i}`,
        added_at: submitted,
        status: active ? "IN_PROGRESS" : failed ? "FAILURE" : "SUCCESS",
        status_group: active ? "active" : failed ? "failed" : "succeeded",
        terminal: active ? 0 : 1,
        action: ACTIONS[i % ACTIONS.length] ?? "generate",
        label: LABELS[i % LABELS.length] ?? null,
        submitted_at: submitted,
        finished_at: active ? null : submitted + 100_000,
        failure_category: failed ? (CATEGORIES[i % CATEGORIES.length] ?? null) : null,
        resolution_tier: failed && i % 2 === 0 ? null : tier,
        billed_seconds: 5 + (i % 11),
        delivered_seconds: 5 + (i % 11),
        input_seconds: i % 4 === 2 ? 6 : 0,
        ratio: i % 4 === 0 ? "16:9" : i % 4 === 1 ? "9:16" : null,
        queue_wait_ms: (i * 37) % 60_000,
        generation_ms: 60_000 + ((i * 53) % 240_000),
        prompt: `Bench prompt ${i}, with "quotes"`,
      };
    });
    await db.transaction().execute((trx) => trx.insertInto("tasks").values(rows).execute());
  }
  const insertMs = performance.now() - insertStarted;

  const query = {
    from: now - 30 * DAY,
    to: now + DAY,
    tzOffsetMinutes: 0,
    label: null,
    action: null,
    tier: null,
    status: null,
  };
  const prices = { currency: "USD", perSecond720: 0.1, perSecond1080: 0.2 };
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const times: number[] = [];
  let tasks = 0;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    const usage = await computeUsage(db, query, prices);
    times.push(performance.now() - started);
    tasks = usage.totals.tasks;
  }
  const heapAfter = process.memoryUsage().heapUsed;

  const csvStarted = performance.now();
  let csvBytes = 0;
  const reader = streamTasksCsv(db, query).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    csvBytes += value.byteLength;
  }
  const csvMs = performance.now() - csvStarted;

  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
  const sorted = [...times].sort((a, b) => a - b);
  const result = {
    tasks: TASKS,
    tasksInPeriod: tasks,
    insertSeconds: Number((insertMs / 1000).toFixed(1)),
    usageMs: { median: Math.round(sorted[1] ?? 0), runs: times.map(Math.round) },
    heapGrowthMB: Number(((heapAfter - heapBefore) / 1e6).toFixed(1)),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    csvExport: { ms: Math.round(csvMs), megabytes: Number((csvBytes / 1e6).toFixed(1)) },
  };
  console.log(JSON.stringify(result));
}

void main();
