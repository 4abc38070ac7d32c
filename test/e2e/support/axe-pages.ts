import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

/**
 * axe-core on every page: no violation of WCAG 2.1 A and AA. Light mode runs on the shared demo
 * server (accessibility.spec.ts), dark mode on a demo server of its own beside it
 * (accessibility-dark.spec.ts): `origin` is where the pages are.
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

export function checkEveryPage(colorScheme: "light" | "dark", origin: () => string) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    for (const { path, ready, allow = false } of PAGES) {
      test.describe(() => {
        test.use({ allowConsoleErrors: allow });
        test(`${path} has no accessibility violation`, async ({ page }) => {
          await page.goto(`${origin()}${path}`);
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
