import type { Page } from "@playwright/test";

import { expect, test } from "./support/fixtures";

/**
 * The theme: the inline script sets it before the first paint, the toggle cycles system → light →
 * dark and remembers the choice, and a page that loads leaves <html>'s class alone (restyling the
 * whole document once more while the page loads is what the theme code must not do).
 */

/** Counts changes of <html>'s class from the moment the document exists. */
async function countRootClassChanges(page: Page) {
  await page.addInitScript(() => {
    const state = { changes: 0 };
    Object.assign(window, { __rootClass: state });
    new MutationObserver((records) => {
      state.changes += records.filter((record) => record.target === document.documentElement).length;
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["class"] });
  });
  return () => page.evaluate(() => (window as unknown as { __rootClass: { changes: number } }).__rootClass.changes);
}

test.describe("the theme", () => {
  test.use({ colorScheme: "light" });

  test("cycles system, light and dark, is remembered, and loads without restyling the page", async ({ page }) => {
    const changes = await countRootClassChanges(page);
    await page.goto("/");
    const html = page.locator("html");
    const toggle = page.getByRole("button", { name: /Switch theme$/ });
    await expect(toggle).toHaveAccessibleName("Theme: system. Switch theme");
    await expect(html).not.toHaveClass(/\bdark\b/);
    await expect(page.getByTestId("task-card").first()).toBeVisible();
    expect(await changes()).toBe(0);

    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Theme: light. Switch theme");
    await expect(html).not.toHaveClass(/\bdark\b/);
    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Theme: dark. Switch theme");
    await expect(html).toHaveClass(/\bdark\b/);

    // Remembered: dark from the inline script (one change), and nothing after it.
    await page.goto("/usage");
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(page.getByRole("button", { name: "Theme: dark. Switch theme" })).toBeVisible();
    await expect(page.getByTestId("stat-tasks")).toBeVisible();
    expect(await changes()).toBe(1);

    // A chosen theme does not follow the system's scheme; "system" does.
    await page.emulateMedia({ colorScheme: "light" });
    await expect(html).toHaveClass(/\bdark\b/);
    await page.getByRole("button", { name: "Theme: dark. Switch theme" }).click();
    await expect(page.getByRole("button", { name: "Theme: system. Switch theme" })).toBeVisible();
    await expect(html).not.toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(html).toHaveClass(/\bdark\b/);
  });
});
