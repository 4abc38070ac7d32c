import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { demoTasks } from "@/lib/simulator/scenarios";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

import { launchBrowser } from "../support/browser";
import { expectCleanLogs } from "../support/logs";
import { freePort, type PaddockServer, startPaddock } from "../support/paddock-server";

const KEY = "sk-outage-test-key-0000";
const POLL_MS = 1000;
const IDS = demoTasks(Date.now(), 1).map((task) => task.id);
let port: number;
let sim: Simulator;
let server: PaddockServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  port = await freePort();
  sim = await startSimulator({ apiKey: KEY, port, timeScale: 0.05 });
  server = await startPaddock({
    HAPPYHORSE_API_KEY: KEY,
    HAPPYHORSE_BASE_URL: sim.url,
    HAPPYHORSE_TIMEOUT_MS: "500",
    PADDOCK_POLL_INTERVAL_MS: String(POLL_MS),
  });
  await fetch(`${server.url}/api/tasks`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids: IDS }),
  });
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sim?.stop();
});

const cards = () => page.locator('[data-testid="task-card"]');
const notice = () => page.getByTestId("gateway-notice");

async function expectStaleThenHealed(breakIt: () => Promise<void>, heal: () => Promise<void>) {
  await breakIt();
  await expect.poll(() => notice().isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await cards().count()).toBe(IDS.length);
  expect(await page.getByText(/Showing the snapshot from/).count()).toBeGreaterThan(0);

  await heal();
  const healedAt = Date.now();
  await expect.poll(() => notice().count(), { timeout: 10_000, interval: 100 }).toBe(0);
  await expect.poll(() => page.getByText(/Could not refresh/).count(), { timeout: 10_000, interval: 100 }).toBe(0);
  const recoveryMs = Date.now() - healedAt;
  console.info(`Recovered ${recoveryMs} ms after the gateway healed (poll interval ${POLL_MS} ms).`);
  // One poll interval, plus the browser's own request and render time.
  expect(recoveryMs).toBeLessThanOrEqual(2 * POLL_MS + 1500);
  expect(await cards().count()).toBe(IDS.length);
}

describe("the board while the gateway fails", () => {
  it("shows every task first", async () => {
    await page.goto(server.url);
    await expect.poll(() => cards().count(), { timeout: 15_000 }).toBe(IDS.length);
  });

  it("keeps every task with a stale notice through 5xx answers, and recovers within about one interval", async () => {
    await expectStaleThenHealed(
      async () => sim.setFault("http_500"),
      async () => sim.setFault("none"),
    );
  });

  it("does the same when the gateway refuses connections", async () => {
    await expectStaleThenHealed(
      () => sim.stop(),
      async () => {
        sim = await startSimulator({ apiKey: KEY, port, timeScale: 0.05 });
      },
    );
    expectCleanLogs(server.logs.join(""), [KEY]);
  });
});
