import { expect, test } from "./support/fixtures";

/** Being told without watching: desktop notifications (opted in) and the tab's title. */

test("tells a person who opted in when a task on the board ends, and counts in the tab's title", async ({
  page,
  context,
  uniqueId,
  track,
}) => {
  await context.grantPermissions(["notifications"]);
  // Headless Chromium shows nothing on a desktop: the page's notifications are recorded instead.
  await page.addInitScript(() => {
    const shown: string[] = [];
    class RecordedNotification {
      static permission = "granted";
      static requestPermission = () => Promise.resolve("granted");
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push(`${title}\n${options?.body ?? ""}`);
      }
    }
    Object.assign(window, { Notification: RecordedNotification, __shown: shown });
  });
  await page.goto("/");
  await expect(page).toHaveTitle(/\d+ generating · .*Board · Paddock/);
  const bell = page.getByTestId("notify-toggle");
  await bell.click();
  await expect(bell).toHaveAttribute("aria-pressed", "true");

  const id = uniqueId("notify");
  await track([id], "Notify test");
  const card = page.locator(`[data-task-id="${id}"]`);
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute("data-status", "SUCCESS", { timeout: 60_000 });
  const shown = () => page.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
  await expect.poll(shown).toContainEqual(expect.stringMatching(/^Notify test: task is done\n/));
  // Only the task that ended while the page was open: none for those that had ended before.
  expect((await shown()).every((text) => !text.includes("asyntask_De1f"))).toBe(true);

  // A board showing only active tasks is told too, though the task leaves the view as it ends.
  await page.goto("/?status=active");
  const other = uniqueId("notifyActive");
  await track([other], "Active view");
  await expect(page.locator(`[data-task-id="${other}"]`)).toBeVisible({ timeout: 30_000 });
  await expect.poll(shown, { timeout: 60_000 }).toContainEqual(expect.stringMatching(/^Active view: task is done\n/));
  await expect(page.locator(`[data-task-id="${other}"]`)).toHaveCount(0);

  // Off again, and remembered.
  await bell.click();
  await expect(bell).toHaveAttribute("aria-pressed", "false");
  await page.reload();
  await expect(page.getByTestId("notify-toggle")).toHaveAttribute("aria-pressed", "false");
});
