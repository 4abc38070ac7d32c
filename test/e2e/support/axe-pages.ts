import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

/**
 * axe-core on every page, in light and dark mode: no violation of WCAG 2.1 A and AA (nor of axe's
 * best practices). `origin` is where the pages are (the shared demo server by default).
 */

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

/**
 * One test per page: axe in light mode, then, on the same page, in dark mode (the theme follows
 * the system's colour scheme, switched in place). One load per page, not two.
 */
export function checkEveryPage(origin: () => string = () => "") {
  test.describe("in light and dark mode", () => {
    test.use({ colorScheme: "light" });

    for (const { path, ready, allow = false } of PAGES) {
      test.describe(() => {
        test.use({ allowConsoleErrors: allow });
        test(`${path} has no accessibility violation`, async ({ page }) => {
          await page.goto(`${origin()}${path}`);
          await ready(page);
          const html = page.locator("html");
          await expect(html).not.toHaveClass(/\bdark\b/);
          const light = await violations(page);
          await page.emulateMedia({ colorScheme: "dark" });
          await expect(html).toHaveClass(/\bdark\b/);
          const dark = await violations(page);
          expect({ light, dark }).toEqual({ light: [], dark: [] });
        });
      });
    }
  });
}

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice", "experimental"])
    .analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.slice(0, 3).map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
  }));
}
