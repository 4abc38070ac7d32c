import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchBrowser } from "../support/browser";
import { expectCleanLogs } from "../support/logs";
import { freePort, type PaddockServer, startPaddock } from "../support/paddock-server";

let server: PaddockServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  server = await startPaddock({
    SIMULATOR_PORT: String(await freePort()),
    PADDOCK_POLL_INTERVAL_MS: "1000",
    PADDOCK_PRICE_PER_SECOND_720P: "0.2",
    PADDOCK_PRICE_PER_SECOND_1080P: "0.5",
  });
  // Let the board fetch every demo task once, so their snapshots exist.
  await fetch(`${server.url}/api/tasks`);
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const stat = (testId: string) => page.getByTestId(testId).locator("dd").first();

describe("the usage review", () => {
  it("shows the headline numbers, charts and breakdowns of the demo", async () => {
    await page.goto(`${server.url}/usage`);
    await expect.poll(() => stat("stat-tasks").textContent(), { timeout: 15_000 }).toMatch(/^\d+$/);
    expect(Number(await stat("stat-tasks").textContent())).toBeGreaterThanOrEqual(12);
    expect(await stat("stat-failed").textContent()).toMatch(/^[1-9]/);
    expect(await stat("stat-billed").textContent()).toMatch(/ s$/);
    expect(await stat("stat-cost").textContent()).toMatch(/\$/);
    await expect
      .poll(() => page.getByTestId("usage-charts").locator("svg.recharts-surface").count())
      .toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId("breakdown-by-label").textContent()).toContain("Spring campaign");
  });

  it("filters by label in the URL, and the numbers follow", async () => {
    const before = Number(await stat("stat-tasks").textContent());
    await page.getByRole("combobox", { name: "Label" }).selectOption("Ada");
    await expect.poll(() => new URL(page.url()).searchParams.get("label")).toBe("Ada");
    await expect.poll(async () => Number(await stat("stat-tasks").textContent())).toBeLessThan(before);
    await page.reload();
    expect(await page.getByRole("combobox", { name: "Label" }).inputValue()).toBe("Ada");
    await page.getByRole("combobox", { name: "Label" }).selectOption("");
  });

  it("downloads the filtered tasks as CSV with a BOM", async () => {
    await expect.poll(() => page.getByTestId("export-tasks").getAttribute("href")).toMatch(/kind=tasks/);
    const href = (await page.getByTestId("export-tasks").getAttribute("href")) ?? "";
    const response = await fetch(`${server.url}${href}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO");
    expect(text.split("\r\n")[0]).toMatch(/^task_id,label,action/);
  });

  it("links a failure category to the board's failures view", async () => {
    const link = page.getByTestId("top-failures").getByRole("link", { name: /Content moderation/ });
    await expect.poll(() => link.count()).toBe(1);
    await link.click();
    await expect.poll(() => new URL(page.url()).searchParams.get("category"), { timeout: 10_000 }).toBe("moderation");
    expect(new URL(page.url()).searchParams.get("view")).toBe("failures");
    await expect.poll(() => page.locator('section[data-category="moderation"]').count()).toBe(1);
  });

  it("left no secret and no URL signature in the server's logs", () => {
    expect(server.logs.join("")).toMatch(/"event":"api_request"/);
    expectCleanLogs(server.logs.join(""), []);
  });
});
