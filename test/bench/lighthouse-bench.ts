import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

import { chromiumPath } from "../support/chromium";
import { freePort, startPaddock } from "../support/paddock-server";
import { median, round } from "./bench-util";

/**
 * Lighthouse's performance score (its default mobile preset: a mid-range phone on a slow 4G link,
 * simulated) of the board, a finished task, the usage review and the bare page of the same build
 * (`/bench/bare`: a heading and a paragraph in the root layout), so each page is read beside what
 * the layout alone scores. Demo mode, no sign-in. Each page is scored BENCH_LIGHTHOUSE_RUNS times
 * (default 5: single runs here vary by ten points and more) and the median is kept; the pages take
 * turns, and every round has a fresh server (startPaddock's servers live ten minutes), so a busier
 * moment of the machine does not fall on one page only. Goal: each page within 5 points of the bare page.
 */

/** A demo task that succeeded five hours ago: its video is served by the demo's own simulator. */
const FINISHED_DEMO_TASK = "asyntask_9ojfljoQoaF1LlqsajAIxNKu8iS2G8NP";
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
const GOAL_POINTS = 5;
const PAGES = [
  { name: "bare", path: "/bench/bare" },
  { name: "board", path: "/" },
  { name: "task", path: `/tasks/${FINISHED_DEMO_TASK}` },
  { name: "usage", path: "/usage" },
] as const;
const METRICS = {
  fcpMs: "first-contentful-paint",
  lcpMs: "largest-contentful-paint",
  tbtMs: "total-blocking-time",
  speedIndexMs: "speed-index",
  cls: "cumulative-layout-shift",
} as const;

type Metrics = Record<keyof typeof METRICS, number>;

export interface LighthousePage {
  path: string;
  score: number;
  scores: number[];
  /** The median of each metric over the runs. */
  metrics: Metrics;
  pointsBelowBare: number;
}

export interface LighthouseRun {
  preset: string;
  runs: number;
  pages: Record<string, LighthousePage>;
  goal: string;
}

/** Lighthouse now and then fails to record a load (NO_NAVSTART and the like): such a run is tried again. */
async function score(chrome: chromeLauncher.LaunchedChrome, url: string, attempts = 3) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await scoreOnce(chrome, url);
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.log(`  (run again: ${String(error).slice(0, 160)})`);
    }
  }
}

async function scoreOnce(chrome: chromeLauncher.LaunchedChrome, url: string) {
  const result = await lighthouse(url, {
    port: chrome.port,
    onlyCategories: ["performance"],
    output: "json",
    logLevel: "error",
  });
  const lhr = result?.lhr;
  const value = lhr?.categories.performance?.score;
  if (!lhr || typeof value !== "number") {
    throw new Error(`Lighthouse gave no score for ${url}: ${lhr?.runtimeError?.message ?? "no result"}`);
  }
  const metrics = Object.fromEntries(
    Object.entries(METRICS).map(([key, audit]) => [key, lhr.audits[audit]?.numericValue ?? Number.NaN]),
  ) as Metrics;
  return { score: Math.round(value * 100), metrics };
}

export async function lighthouseRun(): Promise<LighthouseRun> {
  process.env.CHROME_PATH = chromiumPath();
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  const runs = new Map<string, Array<{ score: number; metrics: Metrics }>>();
  try {
    for (let pass = 0; pass < RUNS; pass += 1) {
      const server = await startPaddock({ SIMULATOR_PORT: String(await freePort()), PADDOCK_BENCH_BARE: "1" });
      try {
        for (const page of PAGES) {
          // A first request outside the measure: the server's first render of a route is not the page's cost.
          await fetch(`${server.url}${page.path}`).then((response) => response.arrayBuffer());
          const list = runs.get(page.name) ?? [];
          list.push(await score(chrome, `${server.url}${page.path}`));
          runs.set(page.name, list);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    chrome.kill();
  }
  const bare = median((runs.get("bare") ?? []).map((run) => run.score));
  const pages = Object.fromEntries(
    PAGES.map((page) => {
      const list = runs.get(page.name) ?? [];
      const scores = list.map((run) => run.score);
      const metrics = Object.fromEntries(
        Object.keys(METRICS).map((key) => [
          key,
          round(median(list.map((run) => run.metrics[key as keyof Metrics])), key === "cls" ? 3 : 0),
        ]),
      ) as Metrics;
      const value = median(scores);
      return [page.name, { path: page.path, score: value, scores, metrics, pointsBelowBare: bare - value }];
    }),
  );
  return {
    preset: "mobile (Lighthouse's default, simulated throttling)",
    runs: RUNS,
    pages,
    goal: `each page within ${GOAL_POINTS} points of the bare page`,
  };
}

export function printLighthouse(run: LighthouseRun) {
  console.log(`  median of ${run.runs} run(s) per page; goal: within ${GOAL_POINTS} points of the bare page`);
  for (const [name, page] of Object.entries(run.pages)) {
    const m = page.metrics;
    const versus = name === "bare" ? "baseline" : `${page.pointsBelowBare} below bare`;
    console.log(
      `  ${page.path.slice(0, 24).padEnd(24)} ${String(page.score).padStart(4)}  (${versus}; runs ${page.scores.join(", ")})  FCP ${m.fcpMs} ms  LCP ${m.lcpMs} ms  TBT ${m.tbtMs} ms  SI ${m.speedIndexMs} ms  CLS ${m.cls}`,
    );
  }
}
