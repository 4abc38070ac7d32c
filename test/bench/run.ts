/**
 * `npm run bench`: builds Paddock, starts the production build against the simulator and prints
 * ratios measured in this one run, then merges them into test/bench/results.json. A benchmark,
 * not a test: it reports, it never fails CI.
 *
 * BENCH_ONLY=<case>[,<case>…] runs some cases (names below); their figures replace theirs in
 * results.json and every other case keeps its last figures (`measured` says which commit and when
 * each was measured). A case that cannot run keeps its previous figures too. BENCH_SKIP_BUILD=1
 * reuses the build in .next. Sizes: BENCH_SECONDS (upstream economy, default 120),
 * BENCH_USAGE_TASKS (default 100,000), BENCH_TEAM_SECONDS (each team run, default 60),
 * BENCH_THROUGHPUT_SECONDS (each autocannon run, default 10), BENCH_BROWSER_SIZES (default
 * 50,2000,20000), BENCH_LIGHTHOUSE_RUNS (per page, default 5), BENCH_MEMORY_SECONDS (default 300).
 * The team runs need PostgreSQL (as the tests do).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

import { BUILD_STATIC_DIR, precompressStatic } from "@/lib/server/http/compression";

import { type BoardScaleRow, boardScaleRun } from "./board-bench";
import { browserBoardRun, printBrowserBoard } from "./browser-bench";
import { ACTIVE_TASKS, BOARD_SIZE, browserEconomy, upstreamEconomy, VIEWERS } from "./economy-bench";
import { fairnessRun } from "./fair-bench";
import { freshnessRun, printFreshness } from "./freshness-bench";
import { lighthouseRun, printLighthouse } from "./lighthouse-bench";
import { memoryRun, printMemory } from "./memory-bench";
import { pageWeights, printPageWeights } from "./page-weight";
import { teamRun } from "./team-bench";
import { printThroughput, throughputRun } from "./throughput-bench";

const RESULTS = "test/bench/results.json";
const TEAM_SECONDS = Number(process.env.BENCH_TEAM_SECONDS ?? 60);

interface BenchCase {
  /** What BENCH_ONLY names it by (its key in results.json works too). */
  name: string;
  /** Its key in results.json. */
  key: string;
  title: string;
  /** Measures and prints; throws when the case cannot run here. */
  run(): Promise<unknown>;
}

const CASES: BenchCase[] = [
  {
    name: "page-weight",
    key: "pageWeight",
    title: "Page weight (First Load JS, gzip; ratio to /_not-found, goal <= 1.25 for every route):",
    run: async () => {
      const weights = pageWeights();
      printPageWeights(weights);
      return weights;
    },
  },
  {
    name: "upstream",
    key: "upstreamEconomy",
    title: `Upstream economy: ${VIEWERS} viewers, ${ACTIVE_TASKS} active tasks…`,
    run: async () => {
      const upstream = await upstreamEconomy();
      console.log(
        `  upstream calls / (active tasks x poll cycles) = ${upstream.ratio}  (goal <= 1.0; naive proxy: ${VIEWERS})`,
      );
      return upstream;
    },
  },
  {
    name: "browser-economy",
    key: "browserEconomy",
    title: `Browser economy: a board of ${BOARD_SIZE} tasks…`,
    run: async () => {
      const browser = await browserEconomy();
      console.log(
        `  board requests per poll cycle = ${browser.requestsPerCycle}  (goal: 1; ${browser.cards} cards shown)`,
      );
      return browser;
    },
  },
  {
    name: "usage",
    key: "usageReview",
    title: "Usage review: the usage answer for 100,000 tracked tasks…",
    run: async () => usageReview(),
  },
  {
    name: "eta",
    key: "etaCalibration",
    title: "ETA calibration: 400 finished tasks of simulated history, then 2,000 new ones against their estimates…",
    run: async () => etaFigures(),
  },
  {
    name: "team",
    key: "team",
    title: `Team: 20 active tasks, a 3 s interval, ${TEAM_SECONDS} s with one instance, then with three on PostgreSQL…`,
    run: teamFigures,
  },
  {
    name: "fairness",
    key: "fairness",
    title: "Fair order: 20,000 tasks tracked, then one more: its first refresh…",
    run: async () => {
      const fairness = await fairnessRun();
      console.log(
        `  first refresh of a new task: median ${fairness.firstRefreshMs.median} ms, longest ${fairness.firstRefreshMs.longest} ms (goal <= 2000)`,
      );
      return fairness;
    },
  },
  {
    name: "board",
    key: "boardScale",
    title: "Board at scale: the first page and an idle poll with 50, 2,000 and 20,000 tasks…",
    run: async () => {
      const rows = await boardScaleRun();
      printBoardScale(rows);
      return rows;
    },
  },
  {
    name: "throughput",
    key: "throughput",
    title: "Throughput (autocannon): Paddock's reads beside a bare Next.js route of the same server…",
    run: async () => {
      const run = await throughputRun();
      printThroughput(run);
      return run;
    },
  },
  {
    name: "browser",
    key: "browserBoard",
    title: "Board in the browser: first rows, DOM size, idle main thread, a poll that changes 50 rows…",
    run: async () => {
      const run = await browserBoardRun();
      printBrowserBoard(run);
      return run;
    },
  },
  {
    name: "lighthouse",
    key: "lighthouse",
    title: "Lighthouse (mobile, performance): each page beside the bare page…",
    run: async () => {
      const run = await lighthouseRun();
      printLighthouse(run);
      return run;
    },
  },
  {
    name: "memory",
    key: "memory",
    title: "Memory: 20,000 tracked tasks, 5 viewers polling the board…",
    run: async () => {
      const run = await memoryRun();
      printMemory(run);
      return run;
    },
  },
  {
    name: "freshness",
    key: "freshness",
    title: "Freshness: from a change at the gateway to the board API showing it…",
    run: async () => {
      const run = await freshnessRun();
      printFreshness(run);
      return run;
    },
  },
];

function selectedCases(): BenchCase[] {
  const only = process.env.BENCH_ONLY?.trim();
  if (!only) return CASES;
  const names = only.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !CASES.some((c) => c.name === name || c.key === name));
  if (unknown.length > 0) {
    throw new Error(`BENCH_ONLY: no case ${unknown.join(", ")}; the cases: ${CASES.map((c) => c.name).join(", ")}`);
  }
  return CASES.filter((c) => names.includes(c.name) || names.includes(c.key));
}

type Results = Record<string, unknown> & { measured?: Record<string, { commit: string; at: string }> };

/** The figures written so far, so that a run of some cases keeps the others'. */
function previousResults(): Results {
  if (!existsSync(RESULTS)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(RESULTS, "utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Results) : {};
  } catch {
    console.log(`(${RESULTS} could not be read: it is written anew)`);
    return {};
  }
}

async function main() {
  const cases = selectedCases();
  if (process.env.BENCH_SKIP_BUILD === "1") {
    console.log("Using the build in .next (BENCH_SKIP_BUILD=1).");
  } else {
    console.log("Building the production bundle…");
    const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  // As `npm run build` does: the Brotli copies server.ts serves the scripts and styles from (none
  // to make when the build in .next already has them).
  await precompressStatic(BUILD_STATIC_DIR);

  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
  const results = previousResults();
  const measured = { ...results.measured };
  for (const benchCase of cases) {
    console.log(`\n${benchCase.title}`);
    try {
      results[benchCase.key] = await benchCase.run();
      measured[benchCase.key] = { commit, at: new Date().toISOString() };
    } catch (error) {
      const kept = benchCase.key in results ? "; results.json keeps its previous figures" : "";
      console.log(`  skipped: ${String(error).slice(0, 300)}${kept}`);
    }
  }
  const merged: Results = { ...results, commit, at: new Date().toISOString(), measured };
  writeFileSync(RESULTS, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`\nWrote ${RESULTS} (${cases.map((c) => c.name).join(", ")})`);
}

function etaFigures() {
  const run = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "test/bench/eta-calibration-main.ts"],
    { encoding: "utf8" },
  );
  const eta = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "null") as {
    withinAtSubmission: number;
    withinOnceGenerating: number;
  } | null;
  if (!eta) throw new Error(`could not run: ${run.stderr.slice(0, 500)}`);
  console.log(
    `  done within "at most": ${eta.withinAtSubmission} judged at submission, ${eta.withinOnceGenerating} once generating (goal 0.85-0.95)`,
  );
  return eta;
}

function usageReview() {
  const usageRun = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "test/bench/usage-bench.ts"],
    { encoding: "utf8" },
  );
  const usage = JSON.parse(usageRun.stdout.trim().split("\n").at(-1) ?? "null") as {
    usageMs: { median: number };
    heapGrowthMB: number;
    peakRssMB: number;
    csvExport: { ms: number; megabytes: number };
  } | null;
  if (!usage) throw new Error(`could not run: ${usageRun.stderr.slice(0, 500)}`);
  console.log(
    `  usage answer: ${usage.usageMs.median} ms (median of 3), heap +${usage.heapGrowthMB} MB, peak RSS ${usage.peakRssMB} MB`,
  );
  console.log(`  tasks CSV export: ${usage.csvExport.megabytes} MB streamed in ${usage.csvExport.ms} ms`);
  return usage;
}

function printBoardScale(rows: BoardScaleRow[]) {
  console.log(
    `  ${"tasks".padStart(8)} ${"first page".padStart(12)} ${"bytes".padStart(9)} ${"shared".padStart(9)} ${"idle poll".padStart(16)}`,
  );
  for (const row of rows) {
    console.log(
      `  ${String(row.tasks).padStart(8)} ${`${row.firstPageMs} ms`.padStart(12)} ${String(row.firstPageBytes).padStart(9)} ${`${row.sharedPageMs} ms`.padStart(9)} ${`${row.idlePollStatus}, ${row.idlePollBytes} B, ${row.idlePollMs} ms`.padStart(16)}`,
    );
  }
  const small = rows[0];
  const large = rows.at(-1);
  if (small && large) {
    console.log(
      `  first page at ${large.tasks} vs ${small.tasks}: x${(large.firstPageMs / small.firstPageMs).toFixed(2)} (goal <= 1.5)`,
    );
  }
}

async function teamFigures() {
  const one = await teamRun(1, TEAM_SECONDS, false);
  const three = await teamRun(3, TEAM_SECONDS, true);
  const row = (label: string, a: string | number, b: string | number) =>
    console.log(`  ${label.padEnd(44)} ${String(a).padStart(10)} ${String(b).padStart(12)}`);
  row("", "1 instance", "3 instances");
  row("calls / (tasks x intervals)  (goal <= 1.05)", one.callsPerTaskPerInterval, three.callsPerTaskPerInterval);
  row("period between checks, median ms", one.periodMs.median, three.periodMs.median);
  row("period between checks, longest ms", one.periodMs.longest, three.periodMs.longest);
  row("takeover after a SIGKILL, ms (goal <= 6000)", "-", three.takeoverMs ?? "-");
  return { one, three };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("The benchmark could not run:", error);
    process.exit(0);
  },
);
