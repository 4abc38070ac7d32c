import { checkEveryPage } from "./support/axe-pages";
import { expect, test } from "./support/fixtures";

/** axe-core on every page of the shared demo server in light and dark mode, and keyboard and phone checks. */

checkEveryPage();

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
