import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Browser, Page } from "playwright-core";

import type { BoardResponse } from "@/lib/api/task-schemas";
import { scaledLifecycle } from "@/lib/simulator/scenarios";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

import { launchChromium } from "../support/chromium";
import { type PaddockServer, startPaddock } from "../support/paddock-server";
import { seedBoard } from "../support/seed-board";
import { median, round, sleep, track } from "./bench-util";
import { type BenchWindowState, instrumentScript } from "./browser-instrument";
import { longestBetween, pageTasks, taskAt, TRACE_CATEGORIES } from "./trace-tasks";

/**
 * The board in Chromium with 50, 2,000 and 20,000 tracked tasks (finished, so the board is idle):
 * - how long from navigation start until the first row (table) or card (cards) is visible, the
 *   median of 5 loads, each in a fresh context (a cold cache, as a first visit);
 * - the DOM's size (elements) once loaded and after scrolling to the bottom three times (the
 *   table scrolls its own box, the cards the window; both load more pages at the end);
 * - idle main-thread time over 20 s of the open board (50 and 2,000 tasks), from the Chrome
 *   DevTools Protocol's TaskDuration;
 * - with 2,000, three rounds: 50 new tasks that the simulator moves together, and the one poll
 *   that brings a change of all 50 (held by the bench until the server has stored all of them,
 *   so the one answer carries the whole change): from that answer reaching the page to the
 *   changed badges in the DOM (parse, validation, React's render and commit), the main-thread
 *   task in which they entered the DOM (from a trace of the page: React's commit runs in it, its
 *   render too unless React yielded), and the longest task and long animation frame in the 2 s
 *   after the answer. In the table as they start generating, in the cards as they succeed.
 * BENCH_BROWSER_SIZES=2000 (a comma list) measures some sizes only.
 * Goals: the first row at 20,000 within 1.5x of 50; the DOM the same size at every board size;
 * applying a poll under 16 ms; idle main thread under 5%.
 */

const KEY = "sk-bench-browser";
const SIZES = (process.env.BENCH_BROWSER_SIZES ?? "50,2000,20000").split(",").map(Number);
const IDLE_SIZES = new Set([50, 2_000, 20_000]);
const CHANGE_SIZE = 2_000;
const CHANGING = 50;
const ROUNDS = 3;
/** The simulator at twice real time: a new task generates after 7.5 s and succeeds after 30 s. */
const TIME_SCALE = 2;
const INTERVAL_MS = 2_000;
const IDLE_SECONDS = 20;
const LOADS = 5;
const SCROLLS = 3;
const SELECTORS = { table: '[data-testid="task-row"]', cards: '[data-testid="task-card"]' } as const;
type View = keyof typeof SELECTORS;

export interface ViewLoad {
  firstItemMs: number;
  each: number[];
  domAfterLoad: number;
  itemsAfterLoad: number;
  domAfterScroll: number;
  itemsAfterScroll: number;
  shownAfterScroll: string;
}

export interface SizeRun {
  tasks: number;
  views: Record<View, ViewLoad>;
  idle: { seconds: number; busyPercent: number; boardRequests: number } | null;
}

export interface PollChange {
  view: View;
  status: string;
  /** Of the 50 tasks, how many the held answer shows changed (and how many the page showed before). */
  changedInAnswer: number;
  shownBefore: number;
  /** Of the 50, how many are in the DOM (the table mounts only the rows in view). */
  inDom: number;
  /** From the answer reaching the page's fetch to the changed badges in the DOM. */
  answerToDomMs: number | null;
  /** The main-thread task in which the changed badges entered the DOM (React's commit runs in it). */
  commitTaskMs: number | null;
  /** The longest main-thread task in the 2 s after the answer (from a trace: every task counts). */
  longestTaskMs: number | null;
  /** The longest animation frame the browser reported in those 2 s (it reports 50 ms and more). */
  longestFrameMs: number | null;
  mainThreadMsIn2s: number;
}

export interface BrowserBoardRun {
  sizes: SizeRun[];
  firstItemRatio: Record<View, number>;
  pollChanges: PollChange[];
  /** Per view, over the rounds: the commit's task and answer to DOM, median and longest. */
  pollChangeSummary: Record<View, { commitTaskMs: Spread; answerToDomMs: Spread }>;
  goals: string;
}

type Spread = { median: number; longest: number };

function summarize(changes: PollChange[]): BrowserBoardRun["pollChangeSummary"] {
  const spread = (values: Array<number | null>): Spread => {
    const known = values.filter((value): value is number => value !== null);
    return { median: median(known), longest: known.length === 0 ? 0 : Math.max(...known) };
  };
  const of = (view: View) => {
    const mine = changes.filter((change) => change.view === view);
    return {
      commitTaskMs: spread(mine.map((change) => change.commitTaskMs)),
      answerToDomMs: spread(mine.map((change) => change.answerToDomMs)),
    };
  };
  return { table: of("table"), cards: of("cards") };
}

type CdpMetrics = { TaskDuration: number; Timestamp: number };

const bench = async (page: Page) => (await page.evaluate("window.__bench")) as BenchWindowState;
const domNodes = async (page: Page) => (await page.evaluate("document.getElementsByTagName('*').length")) as number;

async function cdpMetrics(page: Page) {
  const session = await page.context().newCDPSession(page);
  await session.send("Performance.enable");
  return async (): Promise<CdpMetrics> => {
    const { metrics } = await session.send("Performance.getMetrics");
    const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
    return { TaskDuration: value("TaskDuration"), Timestamp: value("Timestamp") };
  };
}

async function open(browser: Browser, url: string, selector: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(instrumentScript(selector));
  await page.goto(url, { waitUntil: "load" });
  // Polled from here: Paddock's CSP forbids the string evaluation that waitForFunction needs.
  const deadline = Date.now() + 60_000;
  while ((await bench(page)).firstItemMs === null) {
    if (Date.now() > deadline) throw new Error(`nothing matched ${selector} within a minute`);
    await sleep(50);
  }
  return page;
}

async function loadView(browser: Browser, server: PaddockServer, view: View): Promise<ViewLoad> {
  const selector = SELECTORS[view];
  const each: number[] = [];
  let last: Omit<ViewLoad, "firstItemMs" | "each"> | null = null;
  for (let load = 0; load < LOADS; load += 1) {
    const page = await open(browser, `${server.url}/?view=${view}`, selector);
    try {
      each.push(round((await bench(page)).firstItemMs ?? Number.NaN));
      if (load < LOADS - 1) continue;
      await sleep(1_000);
      const domAfterLoad = await domNodes(page);
      const itemsAfterLoad = await page.locator(selector).count();
      for (let scroll = 0; scroll < SCROLLS; scroll += 1) {
        await page.evaluate(`(() => {
          const box = document.querySelector('[data-testid="task-table-scroll"]');
          if (box) box.scrollTop = box.scrollHeight;
          window.scrollTo(0, document.documentElement.scrollHeight);
        })()`);
        await sleep(1_500);
      }
      last = {
        domAfterLoad,
        itemsAfterLoad,
        domAfterScroll: await domNodes(page),
        itemsAfterScroll: await page.locator(selector).count(),
        // The cards say nothing once every task is shown.
        shownAfterScroll: (await page.evaluate(
          `document.querySelector('[data-testid="board-shown"]')?.textContent?.trim() ?? "all shown"`,
        )) as string,
      };
    } finally {
      await page.context().close();
    }
  }
  if (!last) throw new Error("no load was measured");
  return { firstItemMs: median(each), each, ...last };
}

async function idle(browser: Browser, server: PaddockServer): Promise<NonNullable<SizeRun["idle"]>> {
  const page = await open(browser, server.url, `${SELECTORS.table}, ${SELECTORS.cards}`);
  try {
    await sleep(3_000);
    let boardRequests = 0;
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/tasks")) boardRequests += 1;
    });
    const read = await cdpMetrics(page);
    const before = await read();
    await sleep(IDLE_SECONDS * 1000);
    const after = await read();
    const busy = (after.TaskDuration - before.TaskDuration) / (after.Timestamp - before.Timestamp);
    return { seconds: IDLE_SECONDS, busyPercent: round(busy * 100, 2), boardRequests };
  } finally {
    await page.context().close();
  }
}

/** The 50 tasks' state as the server's board shows it. */
async function serverShows(server: PaddockServer, prefix: string, status: string): Promise<number> {
  const response = await fetch(`${server.url}/api/tasks?limit=100`);
  const board = (await response.json()) as BoardResponse;
  return board.tasks.filter((task) => task.id.startsWith(prefix) && task.view?.status.value === status).length;
}

/**
 * Opens the board in `view`, then holds its polls from just before `changeAt` (when the simulator
 * moves the 50 tasks to `status`) until the server's board shows all 50 changed, and lets that one
 * answer through: the page applies the whole change at once.
 */
async function pollChange(
  browser: Browser,
  server: PaddockServer,
  view: View,
  prefix: string,
  status: string,
  changeAt: number,
): Promise<PollChange> {
  const page = await open(browser, `${server.url}/?view=${view}`, SELECTORS[view]);
  try {
    await sleep(Math.max(0, changeAt - 700 - Date.now()));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let changedInAnswer = -1;
    let passed: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      passed = resolve;
    });
    await page.route(
      (url) => url.pathname === "/api/tasks" && url.search.length > 0,
      async (route) => {
        if (changedInAnswer >= 0) return route.continue();
        await gate;
        const response = await route.fetch();
        const body = await response.text();
        const board = JSON.parse(body) as BoardResponse;
        changedInAnswer = board.tasks.filter(
          (task) => task.id.startsWith(prefix) && task.view?.status.value === status,
        ).length;
        await route.fulfill({ response, body });
        passed();
      },
    );
    const deadline = Date.now() + 30_000;
    while ((await serverShows(server, prefix, status)) < CHANGING && Date.now() < deadline) await sleep(200);
    const mine = `[data-task-id^="${prefix}"]`;
    const changed = `${mine}[data-status="${status}"], ${mine} [data-status="${status}"]`;
    const shownBefore = await page.locator(changed).count();
    await page.evaluate(`window.__bench.watchStatus = ${JSON.stringify(status)}`);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const markAt = (await page.evaluate(`performance.mark("bench-release").startTime`)) as number;
    const read = await cdpMetrics(page);
    const before = await read();
    release();
    await Promise.race([answered, sleep(15_000)]);
    await sleep(2_000);
    const after = await read();
    const tasks = pageTasks(await browser.stopTracing(), "bench-release", markAt);
    await page.unrouteAll({ behavior: "ignoreErrors" });
    const state = await bench(page);
    const answerAt = state.answers.find((at) => at >= markAt) ?? null;
    const domAt = answerAt === null ? null : (state.statusSeen.find((at) => at >= answerAt) ?? null);
    const frames =
      answerAt === null
        ? []
        : state.frames.filter((e) => e.start + e.duration >= answerAt && e.start <= answerAt + 2_000);
    const longestTask = answerAt === null ? null : longestBetween(tasks, answerAt, answerAt + 2_000);
    const commitTask = domAt === null ? null : taskAt(tasks, domAt);
    return {
      view,
      status,
      changedInAnswer,
      shownBefore,
      inDom: await page.locator(mine).count(),
      answerToDomMs: answerAt === null || domAt === null ? null : round(domAt - answerAt),
      commitTaskMs: commitTask ? round(commitTask.duration) : null,
      longestTaskMs: longestTask ? round(longestTask.duration) : null,
      longestFrameMs: frames.length === 0 ? null : round(Math.max(...frames.map((e) => e.duration))),
      mainThreadMsIn2s: round((after.TaskDuration - before.TaskDuration) * 1000),
    };
  } finally {
    await page.context().close();
  }
}

/** 50 tasks that start their lives together at the simulator, then tracked; when each change falls. */
async function startLiveTasks(sim: Simulator, server: PaddockServer, prefix: string) {
  const ids = Array.from({ length: CHANGING }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);
  sim.resetStats();
  await Promise.all(
    ids.map((id) =>
      fetch(`${sim.url}/v1/video/generations/${id}`, { headers: { Authorization: `Bearer ${KEY}` } }).then((r) =>
        r.arrayBuffer(),
      ),
    ),
  );
  const born = Math.max(...sim.callLog().map((call) => call.at));
  await track(server.url, ids);
  const life = scaledLifecycle(TIME_SCALE);
  const running = born + life.waitingMs + life.queuedMs;
  return { running, done: running + life.runningMs };
}

/** Rounds of 50 new tasks (the newest on top of the board): in the table as they start generating, in the cards as they succeed. */
async function pollChanges(browser: Browser, sim: Simulator, server: PaddockServer): Promise<PollChange[]> {
  const changes: PollChange[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const prefix = `asyntask_browserBenchLive${round}x`;
    const times = await startLiveTasks(sim, server, prefix);
    changes.push(await pollChange(browser, server, "table", prefix, "IN_PROGRESS", times.running));
    changes.push(await pollChange(browser, server, "cards", prefix, "SUCCESS", times.done));
  }
  return changes;
}

export async function browserBoardRun(): Promise<BrowserBoardRun> {
  const sim = await startSimulator({ apiKey: KEY, timeScale: TIME_SCALE });
  const browser = await launchChromium();
  const env = {
    HAPPYHORSE_API_KEY: KEY,
    HAPPYHORSE_BASE_URL: sim.url,
    PADDOCK_POLL_INTERVAL_MS: String(INTERVAL_MS),
    PADDOCK_API_RATE_PER_MINUTE: "100000",
    // 50 active tasks in one interval: the budget's most (20 a second) checks them all in 2.5 s.
    PADDOCK_UPSTREAM_MAX_RPS: "20",
  };
  const sizes: SizeRun[] = [];
  const changes: PollChange[] = [];
  try {
    for (const size of SIZES) {
      const dir = mkdtempSync(path.join(tmpdir(), "paddock-browser-bench-"));
      const dbPath = path.join(dir, "paddock.db");
      try {
        await seedBoard({ size, dbPath, env, prefix: "browserBench" });
        const server = await startPaddock({ ...env, PADDOCK_DB_PATH: dbPath });
        try {
          // The server's first render of each view is not the browser's cost.
          for (const view of Object.keys(SELECTORS)) await fetch(`${server.url}/?view=${view}`);
          const table = await loadView(browser, server, "table");
          const cards = await loadView(browser, server, "cards");
          const idleRun = IDLE_SIZES.has(size) ? await idle(browser, server) : null;
          sizes.push({ tasks: size, views: { table, cards }, idle: idleRun });
          if (size === CHANGE_SIZE) changes.push(...(await pollChanges(browser, sim, server)));
        } finally {
          await server.stop();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
    await sim.stop();
  }
  const ratio = (view: View) => {
    const small = sizes[0]?.views[view].firstItemMs ?? Number.NaN;
    const large = sizes.at(-1)?.views[view].firstItemMs ?? Number.NaN;
    return round(large / small, 2);
  };
  return {
    sizes,
    firstItemRatio: { table: ratio("table"), cards: ratio("cards") },
    pollChanges: changes,
    pollChangeSummary: summarize(changes),
    goals:
      "first row at 20,000 <= 1.5x of 50; DOM nodes the same at every size; a poll applied in < 16 ms; idle main thread < 5%",
  };
}

export function printBrowserBoard(run: BrowserBoardRun) {
  console.log(
    `  ${"tasks".padStart(7)} ${"view".padEnd(6)} ${"first item".padStart(11)} ${"DOM loaded".padStart(11)} ${"DOM scrolled".padStart(13)}  shown after scrolling`,
  );
  for (const size of run.sizes) {
    for (const [view, load] of Object.entries(size.views)) {
      console.log(
        `  ${String(size.tasks).padStart(7)} ${view.padEnd(6)} ${`${load.firstItemMs} ms`.padStart(11)} ${String(load.domAfterLoad).padStart(11)} ${String(load.domAfterScroll).padStart(13)}  ${load.shownAfterScroll}`,
      );
    }
  }
  console.log(
    `  first item at ${run.sizes.at(-1)?.tasks} vs ${run.sizes[0]?.tasks}: table x${run.firstItemRatio.table}, cards x${run.firstItemRatio.cards} (goal <= 1.5)`,
  );
  for (const size of run.sizes) {
    if (size.idle) {
      console.log(
        `  idle main thread, ${size.tasks} tasks: ${size.idle.busyPercent}% of ${size.idle.seconds} s (goal < 5%; ${size.idle.boardRequests} board requests)`,
      );
    }
  }
  for (const [view, summary] of Object.entries(run.pollChangeSummary)) {
    console.log(
      `  ${view}: the commit's task median ${summary.commitTaskMs.median} ms, longest ${summary.commitTaskMs.longest} ms (goal < 16); answer to DOM median ${summary.answerToDomMs.median} ms, longest ${summary.answerToDomMs.longest} ms`,
    );
  }
  for (const change of run.pollChanges) {
    const frame = (ms: number | null) => (ms === null ? "none >= 50 ms" : `${ms} ms`);
    console.log(
      `  a poll changing ${change.changedInAnswer} tasks (${change.view}, to ${change.status}; ${change.inDom} of them in the DOM): the commit's task ${change.commitTaskMs ?? "?"} ms (goal < 16); answer to DOM ${change.answerToDomMs ?? "?"} ms; in the 2 s after: longest task ${change.longestTaskMs ?? "?"} ms, longest frame ${frame(change.longestFrameMs)}, main thread ${change.mainThreadMsIn2s} ms`,
    );
  }
}
