import type { Page } from "@playwright/test";

import { expect, test } from "./support/fixtures";

/** The demo server runs with prices of 0.2 and 0.5 per second for 720p and 1080p (serve-demo.mjs). */

test.describe("the usage review", () => {
  test.beforeEach(async ({ request }) => {
    // The board refreshes every demo task at least once, so their snapshots exist.
    await request.get("/api/tasks");
  });

  const stat = (page: Page, testId: string) => page.getByTestId(testId).locator("dd").first();

  test("shows the headline numbers, charts and breakdowns of the demo", async ({ page }) => {
    await page.goto("/usage");
    await expect(stat(page, "stat-tasks")).toHaveText(/^\d+$/);
    expect(Number(await stat(page, "stat-tasks").textContent())).toBeGreaterThanOrEqual(12);
    await expect(stat(page, "stat-failed")).toHaveText(/^[1-9]/);
    await expect(stat(page, "stat-billed")).toHaveText(/ s$/);
    await expect(stat(page, "stat-cost")).toHaveText(/\$/);
    await expect
      .poll(() => page.getByTestId("usage-charts").locator("svg.recharts-surface").count())
      .toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId("breakdown-by-label")).toContainText("Spring campaign");
  });

  test("draws a period with a single day as a dot, and explains failures under a tier filter", async ({ page }) => {
    await page.goto("/usage?period=today&tier=720");
    const failureChart = page.getByTestId("usage-charts").locator("figure").nth(1);
    await expect(failureChart.locator(".recharts-line-dot, .recharts-dot").first()).toBeVisible();
    await expect(page.getByTestId("tier-note")).toContainText("counted under every tier");
  });

  test("filters by label in the URL, and the numbers follow", async ({ page }) => {
    await page.goto("/usage");
    await expect(stat(page, "stat-tasks")).toHaveText(/^\d+$/);
    const before = Number(await stat(page, "stat-tasks").textContent());
    await page.getByRole("combobox", { name: "Label" }).selectOption("Ada");
    await expect(page).toHaveURL(/[?&]label=Ada/);
    await expect.poll(async () => Number(await stat(page, "stat-tasks").textContent())).toBeLessThan(before);
    await page.reload();
    await expect(page.getByRole("combobox", { name: "Label" })).toHaveValue("Ada");
  });

  test("downloads the filtered tasks as CSV with a BOM", async ({ page, request }) => {
    await page.goto("/usage");
    await expect(page.getByTestId("export-tasks")).toHaveAttribute("href", /kind=tasks/);
    const href = (await page.getByTestId("export-tasks").getAttribute("href")) ?? "";
    const bytes = await (await request.get(href)).body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO");
    expect(text.split("\r\n")[0]).toMatch(/^\uFEFF?task_id,label,action/);
  });

  test("links a failure category to the board's failures view", async ({ page }) => {
    await page.goto("/usage");
    const link = page.getByTestId("top-failures").getByRole("link", { name: /Suspected IP infringement/ });
    await link.click();
    await expect(page).toHaveURL(/[?&]category=ip_infringement/);
    await expect(page).toHaveURL(/[?&]view=failures/);
    await expect(page.locator('section[data-category="ip_infringement"]')).toHaveCount(1);
  });
});
