import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchBrowser } from "../support/browser";
import { expectCleanLogs } from "../support/logs";
import { freePort, type PaddockServer, startPaddock } from "../support/paddock-server";

let server: PaddockServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startPaddock({
    SIMULATOR_PORT: String(await freePort()),
    SIMULATOR_TIME_SCALE: "5",
    PADDOCK_POLL_INTERVAL_MS: "1000",
  });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const cards = (p: Page) => p.locator('[data-testid="task-card"]');

describe("the board in demo mode", () => {
  it("opens on live demo cards with a demo banner", async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId("demo-banner").isVisible()).toBe(true);
    await expect.poll(() => cards(page).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(12);
    await expect.poll(() => page.getByTestId("updated-ago").textContent()).toMatch(/Updated/);
  });

  it("adds a task through the dialog and watches its card reach SUCCESS with a playing video", async () => {
    await page.keyboard.press("a");
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Task ids").fill("asyntask_e2eWatchMe01, not-an-id\nasyntask_e2eWatchMe01");
    await dialog.getByLabel(/^Label/).fill("E2E team");
    await dialog.getByRole("button", { name: /Track 2 tasks/ }).click();
    const results = dialog.getByTestId("track-results");
    await expect.poll(() => results.locator('[data-outcome="added"]').count()).toBe(1);
    expect(await results.locator('[data-outcome="invalid"]').textContent()).toContain("starts with");
    await dialog.getByRole("button", { name: "Done" }).click();

    const card = page.locator('[data-task-id="asyntask_e2eWatchMe01"]');
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    expect(await card.getByTestId("label-chip").textContent()).toContain("E2E team");
    await expect.poll(() => card.getAttribute("data-status"), { timeout: 40_000, interval: 500 }).toBe("SUCCESS");
    const video = card.locator("video");
    expect(await video.count()).toBe(1);
    await card.getByRole("button", { name: /Play preview/ }).click();
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => !element.paused && element.readyState >= 2), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(await card.getByText(/Link expires in/).count()).toBe(1);
  });

  it("edits a label on the card", async () => {
    const card = page.locator('[data-task-id="asyntask_e2eWatchMe01"]');
    await card.getByTestId("label-chip").click();
    const input = card.getByLabel("Label");
    await input.fill("Renamed team");
    await input.press("Enter");
    await expect.poll(() => card.getByTestId("label-chip").textContent()).toContain("Renamed team");
  });

  it("shows a failed task's reason", async () => {
    const failed = page.locator('[data-testid="task-card"][data-status="FAILURE"]');
    await expect.poll(() => failed.count()).toBeGreaterThanOrEqual(4);
    const reasons = await failed.getByTestId("failure-reason").allTextContents();
    expect(reasons).toContain("Input data is suspected of being involved in IP infringement.");
  });

  it("filters the board, keeping the filters in a shareable URL", async () => {
    await page.getByRole("button", { name: /^Failed/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("failed");
    await expect
      .poll(
        async () => new Set(await cards(page).evaluateAll((els) => els.map((el) => el.getAttribute("data-status")))),
      )
      .toEqual(new Set(["FAILURE"]));

    await page.getByRole("searchbox").fill("superhero");
    await expect.poll(() => cards(page).count()).toBe(1);
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("superhero");

    await page.reload();
    await expect.poll(() => cards(page).count()).toBe(1);
    expect(await page.getByRole("button", { name: /^Failed/ }).getAttribute("aria-pressed")).toBe("true");

    await page.getByRole("searchbox").fill("no such prompt anywhere");
    await expect.poll(() => page.getByText("No task matches these filters").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => cards(page).count()).toBeGreaterThanOrEqual(13);
  });

  it("takes the README screenshot", async () => {
    await page.goto(server.url);
    await expect.poll(() => cards(page).count()).toBeGreaterThanOrEqual(13);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: "test/e2e/screenshots/board.png" });
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });

  it("left no secret and no URL signature in the server's logs", () => {
    expect(server.logs.join("")).toMatch(/"event":"api_request"/);
    expectCleanLogs(server.logs.join(""), []);
  });
});
