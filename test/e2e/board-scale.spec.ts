import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Page } from "@playwright/test";

import { type PaddockServer, startPaddock } from "../support/paddock-server";
import { seedBoard } from "../support/seed-board";
import { attachOnFailure, expect, test } from "./support/fixtures";

/**
 * A team's board: 20,000 tracked tasks. Whichever view, and however far someone goes into it, the
 * DOM holds a screenful and a margin: the same rows or cards as a board of a hundred.
 */

/** More than one bulk copy or export holds (MAX_BULK_TASKS, 20,000). */
const SIZE = 20_050;
/** Five pages of a hundred: far enough to show that loading more does not grow the DOM. */
const PAGES = 5;
/** The most elements either view had in the bench at 2,000 and 20,000 tasks was 1,701 (cards, scrolled). */
const MOST_ELEMENTS = 2_500;

let server: PaddockServer;
let dir: string;

test.beforeAll(async () => {
  // Tracking 20,000 tasks and storing each one's finished answer takes a while on a loaded machine.
  test.setTimeout(300_000);
  dir = mkdtempSync(path.join(tmpdir(), "paddock-board-scale-"));
  const dbPath = path.join(dir, "paddock.db");
  await seedBoard({ size: SIZE, dbPath, env: {}, prefix: "scale" });
  server = await startPaddock({ PADDOCK_DB_PATH: dbPath });
});
test.afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
test.afterEach(async ({}, testInfo) => {
  await attachOnFailure(testInfo, "scale-server.log", server?.logs.join("") ?? "");
});

const elements = (page: Page) => page.evaluate(() => document.querySelectorAll("*").length);

test("opens 20,000 tasks as a table whose DOM stays a screenful however many pages are loaded", async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole("button", { name: "Table", pressed: true })).toBeVisible();
  const loaded = page.getByTestId("board-shown");
  const total = /of 20,0\d\d tasks loaded$/;
  await expect(loaded).toHaveText(new RegExp(`^100 ${total.source}`));
  const rows = page.getByTestId("task-row");
  expect(await rows.count()).toBeLessThan(60);

  // End moves to the last loaded row, and the next page comes; the rows in the DOM stay a screenful.
  await rows.first().getByRole("link").focus();
  for (let pages = 2; pages <= PAGES; pages += 1) {
    await page.keyboard.press("End");
    await expect(loaded).toHaveText(new RegExp(`^${pages}00 ${total.source}`));
    await expect(page.locator("[data-row-link]:focus")).toHaveCount(1);
    expect(await rows.count()).toBeLessThan(60);
  }
  expect(await elements(page)).toBeLessThan(MOST_ELEMENTS);

  // Scrolled with the wheel, not the keys, far from the active row: that row has left the DOM, and
  // the first row in view takes the tab stop, so Tab reaches the rows where the eye is.
  await page.getByTestId("task-table-scroll").evaluate((scroller) => scroller.scrollTo(0, 150 * 41));
  const tabStop = page.locator('[data-row-link][tabindex="0"]');
  await expect(tabStop).toHaveCount(1);
  await expect(tabStop).toBeInViewport();
  await page.getByRole("button", { name: "Columns" }).focus();
  for (let presses = 0; presses < 30; presses += 1) {
    await page.keyboard.press("Tab");
    if (await page.locator("[data-row-link]:focus").count()) break;
  }
  await expect(page.locator("[data-row-link]:focus")).toBeInViewport();
});

test("shows 20,000 tasks as cards, the DOM a screenful and a margin however far it scrolls", async ({ page }) => {
  await page.goto(`${server.url}/?view=cards`);
  const shown = page.getByTestId("board-shown");
  const cards = page.getByTestId("task-card");
  await expect(shown).toHaveText(/^Showing 100 of 20,0\d\d tasks$/);
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeLessThan(40);

  // Scrolling to the end of what is loaded brings the next page (or two), and the cards behind
  // leave the DOM: counted at every step.
  let most = 0;
  await expect
    .poll(
      async () => {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        most = Math.max(most, await cards.count());
        return Number(/^Showing ([\d,]+)/.exec((await shown.textContent()) ?? "")?.[1]?.replace(",", ""));
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBeGreaterThanOrEqual(PAGES * 100);
  expect(most).toBeLessThan(40);
  // The cards in the DOM are the last loaded ones; the first ones are gone.
  const indexes = () =>
    page
      .locator("[data-card-index]")
      .evaluateAll((found) => found.map((card) => Number(card.getAttribute("data-card-index"))));
  await expect
    .poll(async () => {
      const shownNow = await indexes();
      return shownNow.length > 0 && Math.min(...shownNow) >= 100 && Math.max(...shownNow) >= PAGES * 100 - 40;
    })
    .toBe(true);
  expect(await cards.count()).toBeLessThan(40);
  expect(await elements(page)).toBeLessThan(MOST_ELEMENTS);
});

test("says so when every matching task is more than one copy or export holds", async ({ page }) => {
  await page.goto(`${server.url}/?view=table`);
  const loaded = page.getByTestId("board-shown");
  await expect(loaded).toHaveText(/^100 of 20,0\d\d tasks loaded$/);
  const total = /of ([\d,]+)/.exec((await loaded.textContent()) ?? "")?.[1] ?? "";
  await page.getByRole("checkbox", { name: "Select every loaded task" }).click();
  const bulk = page.getByTestId("bulk-actions");
  await bulk.getByRole("button", { name: `Select all ${total} matching` }).click();
  await expect(bulk.getByTestId("selection-count")).toHaveText(`All ${total} matching tasks selected`);

  // A copy holds the first 20,000 ids, and says it.
  await bulk.getByRole("button", { name: "Copy ids" }).click();
  await expect(
    page.getByText(`Copied the first 20,000 ids of ${total}: narrow the filters to copy the rest.`),
  ).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split("\n")).toHaveLength(20_000);

  // So does the CSV.
  const download = page.waitForEvent("download");
  await bulk.getByRole("button", { name: "Export CSV" }).click();
  await download;
  await expect(
    page.getByText(`The CSV holds the first 20,000 of ${total} matching tasks: narrow the filters to export the rest.`),
  ).toBeVisible();
});
