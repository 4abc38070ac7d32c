import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { expect, test } from "./support/fixtures";

/** axe-core on every page, in light and dark mode: no violation of WCAG 2.1 A and AA. */

const FAILED = "asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg";
const WITH_VIDEO = "asyntask_De1f8rESQedUStPKR0CsTy4Qwb8DwkNh";
const PAGES = [
  { path: "/", ready: (page: Page) => expect.poll(() => page.getByTestId("task-card").count()).toBeGreaterThan(10) },
  { path: "/?view=failures", ready: (page: Page) => expect(page.getByTestId("failures-view")).toBeVisible() },
  { path: `/tasks/${FAILED}`, ready: (page: Page) => expect(page.getByTestId("failure-panel")).toBeVisible() },
  { path: `/tasks/${WITH_VIDEO}`, ready: (page: Page) => expect(page.locator("video")).toHaveCount(1) },
  {
    path: "/usage",
    ready: (page: Page) =>
      expect(page.getByTestId("usage-charts").locator("svg.recharts-surface").first()).toBeVisible(),
  },
  {
    path: `/generations/new?from=${FAILED}`,
    ready: (page: Page) => expect(page.getByTestId("duplicate-note")).toBeVisible(),
  },
  {
    path: "/settings",
    ready: async (page: Page) => {
      await expect(page.getByRole("form", { name: "Add a webhook endpoint" })).toBeVisible();
      await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
    },
  },
  { path: "/sign-in", ready: (page: Page) => expect(page.getByText("Sign-in is off")).toBeVisible() },
  {
    path: "/no-such-page",
    ready: (page: Page) => expect(page.getByText("Page not found")).toBeVisible(),
    // Chromium reports the page's own 404 in the console.
    allow: /status of 404/,
  },
];

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    for (const { path, ready, allow = false } of PAGES) {
      test.describe(() => {
        test.use({ allowConsoleErrors: allow });
        test(`${path} has no accessibility violation`, async ({ page }) => {
          await page.goto(path);
          await ready(page);
          const results = await new AxeBuilder({ page })
            .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice", "experimental"])
            .analyze();
          const summary = results.violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            nodes: violation.nodes.slice(0, 3).map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
          }));
          expect(summary).toEqual([]);
        });
      });
    }
  });
}

test("a skip link leads past the header to the page's content", async ({ page }) => {
  await page.goto("/usage");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("shows the first card above the fold", async ({ page }) => {
    await page.goto("/");
    const first = page.getByTestId("task-card").first();
    await expect(first).toBeVisible();
    const box = await first.boundingBox();
    test.info().annotations.push({ type: "first card", description: `top at ${box?.y} px of 844` });
    expect(box?.y ?? Infinity).toBeLessThan(844 - 200);
  });
});
