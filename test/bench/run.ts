/**
 * `npm run bench`: builds Paddock, starts the production build against the simulator and prints
 * ratios measured in this one run, then writes them to test/bench/results.json. A benchmark, not
 * a test: it reports, it never fails CI. BENCH_SECONDS shortens the economy run (default 120);
 * BENCH_USAGE_TASKS sizes the usage case (default 100,000); BENCH_TEAM_SECONDS sizes each team
 * run (default 60); BENCH_ONLY=fairness runs the fair-order case alone, BENCH_ONLY=board the board-at-scale case. The team runs need PostgreSQL (as the tests do) and are reported as skipped without it.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";

import { startSimulator } from "@/lib/simulator/server";

import { launchChromium } from "../support/chromium";
import { freePort, startPaddock } from "../support/paddock-server";
import { type BoardScaleRow, boardScaleRun } from "./board-bench";
import { type FairnessRun, fairnessRun } from "./fair-bench";
import { pageWeights } from "./page-weight";
import { type TeamRun, teamRun } from "./team-bench";

const KEY = "sk-bench-simulator";
const POLL_MS = 2_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const VIEWERS = 20;
const ACTIVE_TASKS = 10;
const BOARD_SIZE = 200;
const TEAM_SECONDS = Number(process.env.BENCH_TEAM_SECONDS ?? 60);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `asyntask_${prefix}${i}`);

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status}`);
}

async function upstreamEconomy() {
  // A slow simulator clock keeps every task active for the whole run.
  const sim = await startSimulator({ apiKey: KEY, timeScale: 0.02 });
  const server = await startPaddock({
    HAPPYHORSE_API_KEY: KEY,
    HAPPYHORSE_BASE_URL: sim.url,
    PADDOCK_POLL_INTERVAL_MS: String(POLL_MS),
  });
  try {
    await post(`${server.url}/api/tasks`, { ids: ids("benchActive", ACTIVE_TASKS) });
    await fetch(`${server.url}/api/tasks`);
    await sleep(POLL_MS);
    sim.resetStats();
    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    let boardRequests = 0;
    await Promise.all(
      Array.from({ length: VIEWERS }, async (_, viewer) => {
        await sleep((viewer / VIEWERS) * POLL_MS);
        while (Date.now() < deadline) {
          await fetch(`${server.url}/api/tasks`).then((r) => r.arrayBuffer());
          boardRequests += 1;
          await sleep(POLL_MS);
        }
      }),
    );
    const cycles = (Date.now() - started) / POLL_MS;
    const calls = sim.stats().calls;
    return {
      viewers: VIEWERS,
      activeTasks: ACTIVE_TASKS,
      seconds: SECONDS,
      pollIntervalMs: POLL_MS,
      boardRequests,
      upstreamCalls: calls,
      ratio: Number((calls / (ACTIVE_TASKS * cycles)).toFixed(3)),
      goal: "<= 1.0 (a naive proxy gives 20)",
    };
  } finally {
    await server.stop();
    await sim.stop();
  }
}

async function browserEconomy() {
  const server = await startPaddock({
    SIMULATOR_PORT: String(await freePort()),
    SIMULATOR_TIME_SCALE: "0.02",
    PADDOCK_POLL_INTERVAL_MS: String(POLL_MS),
  });
  const browser = await launchChromium();
  try {
    await post(`${server.url}/api/tasks`, { ids: ids("benchBoard", BOARD_SIZE - 14) });
    const page = await browser.newPage();
    let boardRequests = 0;
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/tasks")) boardRequests += 1;
    });
    // The cards view (a board this long opens as the table by default); its first page of 100 cards.
    await page.goto(`${server.url}/?view=cards`);
    await page.waitForSelector('[data-testid="task-card"]');
    const cards = await page.locator('[data-testid="task-card"]').count();
    boardRequests = 0;
    const cycles = 8;
    await sleep(cycles * POLL_MS);
    return { cards, cycles, boardRequests, requestsPerCycle: Number((boardRequests / cycles).toFixed(3)), goal: "1" };
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main() {
  console.log("Building the production bundle…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("next build failed");

  if (process.env.BENCH_ONLY === "fairness") {
    console.log(JSON.stringify(await fairnessRun(), null, 2));
    return;
  }
  if (process.env.BENCH_ONLY === "board") {
    printBoardScale(await boardScaleRun());
    return;
  }

  const weights = pageWeights();
  console.log("\nPage weight (First Load JS, gzip; ratio to /_not-found, goal <= 1.25 for the board):");
  for (const [route, weight] of Object.entries(weights)) {
    console.log(
      `  ${route.padEnd(16)} ${(weight.gzipBytes / 1024).toFixed(1).padStart(7)} kB  x${weight.ratioToNotFound}`,
    );
  }

  console.log(`\nUpstream economy: ${VIEWERS} viewers, ${ACTIVE_TASKS} active tasks, ${SECONDS} s…`);
  const upstream = await upstreamEconomy();
  console.log(
    `  upstream calls / (active tasks x poll cycles) = ${upstream.ratio}  (goal <= 1.0; naive proxy: ${VIEWERS})`,
  );

  console.log(`\nBrowser economy: a board of ${BOARD_SIZE} tasks…`);
  const browser = await browserEconomy();
  console.log(`  board requests per poll cycle = ${browser.requestsPerCycle}  (goal: 1; ${browser.cards} cards shown)`);

  console.log("\nUsage review: the usage answer for 100,000 tracked tasks…");
  const usageRun = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "test/bench/usage-bench.ts"],
    {
      encoding: "utf8",
    },
  );
  const usage = JSON.parse(usageRun.stdout.trim().split("\n").at(-1) ?? "null") as {
    usageMs: { median: number };
    heapGrowthMB: number;
    peakRssMB: number;
    csvExport: { ms: number; megabytes: number };
  } | null;
  if (usage) {
    console.log(
      `  usage answer: ${usage.usageMs.median} ms (median of 3), heap +${usage.heapGrowthMB} MB, peak RSS ${usage.peakRssMB} MB`,
    );
    console.log(`  tasks CSV export: ${usage.csvExport.megabytes} MB streamed in ${usage.csvExport.ms} ms`);
  } else {
    console.log(`  could not run: ${usageRun.stderr.slice(0, 500)}`);
  }

  console.log(
    `\nTeam: 20 active tasks, a 3 s interval, ${TEAM_SECONDS} s with one instance, then with three on PostgreSQL…`,
  );
  const team = await teamFigures();

  console.log("\nFair order: 20,000 tasks tracked, then one more: its first refresh…");
  let fairness: FairnessRun | { skipped: string };
  try {
    fairness = await fairnessRun();
    console.log(
      `  first refresh of a new task: median ${fairness.firstRefreshMs.median} ms, longest ${fairness.firstRefreshMs.longest} ms (goal <= 2000)`,
    );
  } catch (error) {
    fairness = { skipped: String(error).slice(0, 300) };
    console.log(`  skipped: ${fairness.skipped}`);
  }

  console.log("\nBoard at scale: the first page and an idle poll with 50, 2,000 and 20,000 tasks…");
  let boardScale: BoardScaleRow[] | { skipped: string };
  try {
    boardScale = await boardScaleRun();
    printBoardScale(boardScale);
  } catch (error) {
    boardScale = { skipped: String(error).slice(0, 300) };
    console.log(`  skipped: ${boardScale.skipped}`);
  }

  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
  const results = {
    commit,
    at: new Date().toISOString(),
    pageWeight: weights,
    upstreamEconomy: upstream,
    browserEconomy: browser,
    usageReview: usage,
    team,
    fairness,
    boardScale,
  };
  writeFileSync("test/bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
  console.log("\nWrote test/bench/results.json");
}

function printBoardScale(rows: BoardScaleRow[]) {
  console.log(
    `  ${"tasks".padStart(8)} ${"first page".padStart(12)} ${"bytes".padStart(9)} ${"idle poll".padStart(16)}`,
  );
  for (const row of rows) {
    console.log(
      `  ${String(row.tasks).padStart(8)} ${`${row.firstPageMs} ms`.padStart(12)} ${String(row.firstPageBytes).padStart(9)} ${`${row.idlePollStatus}, ${row.idlePollBytes} B, ${row.idlePollMs} ms`.padStart(16)}`,
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

async function teamFigures(): Promise<{ one: TeamRun; three: TeamRun } | { skipped: string }> {
  try {
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
  } catch (error) {
    const reason = String(error).slice(0, 300);
    console.log(`  skipped: ${reason}`);
    return { skipped: reason };
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("The benchmark could not run:", error);
    process.exit(0);
  },
);
