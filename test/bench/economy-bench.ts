/**
 * The economy cases of `npm run bench`: how many gateway calls many viewers cost (upstream), and
 * how many board requests one open board makes per poll cycle (browser).
 */
import { startSimulator } from "@/lib/simulator/server";

import { launchChromium } from "../support/chromium";
import { freePort, startPaddock } from "../support/paddock-server";

const KEY = "sk-bench-simulator";
const POLL_MS = 2_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
export const VIEWERS = 20;
export const ACTIVE_TASKS = 10;
export const BOARD_SIZE = 200;

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

export async function upstreamEconomy() {
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

export async function browserEconomy() {
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
