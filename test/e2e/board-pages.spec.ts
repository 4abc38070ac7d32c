import { AxeBuilder } from "@axe-core/playwright";

import { type PaddockServer, startPaddock } from "../support/paddock-server";
import { attachOnFailure, expect, test } from "./support/fixtures";

/** A board longer than a page: the first hundred, then the next page on scrolling, all counted. */

const EXTRA = 130;
let server: PaddockServer;

/** Every task on the board, walking the API's pages. */
async function everyTask(url: string) {
  const tasks: Array<{ id: string; checkedAt: number | null }> = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : "";
    const page = (await (await fetch(`${url}/api/tasks?limit=500${query}`)).json()) as {
      tasks: Array<{ id: string; checkedAt: number | null }>;
      nextCursor: string | null;
    };
    tasks.push(...page.tasks);
    cursor = page.nextCursor;
  } while (cursor);
  return tasks;
}

test.beforeAll(async () => {
  // Its own demo server: these tasks must not show up on other tests' boards. A bigger call
  // budget gets every task its first answer sooner.
  server = await startPaddock({ PADDOCK_UPSTREAM_MAX_RPS: "20" });
  const ids = Array.from({ length: EXTRA }, (_, index) => `asyntask_pageTest${String(index).padStart(4, "0")}`);
  const response = await fetch(`${server.url}/api/tasks`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids }),
  });
  expect(response.status).toBe(201);
  // A task's place on the board moves once, with its first answer (the time it was submitted):
  // the test pages a board that has settled. (A task that moves up past a page boundary while
  // someone pages is shown from the next poll on.)
  await expect
    .poll(async () => (await everyTask(server.url)).filter((task) => task.checkedAt === null).length, {
      timeout: 90_000,
    })
    .toBe(0);
});
test.afterAll(async () => {
  await server.stop();
});
test.afterEach(async ({}, testInfo) => {
  await attachOnFailure(testInfo, "pages-server.log", server.logs.join(""));
});

// Ids the simulator does not know are answered 404 (the board says "not found"); Chromium logs that.
test.use({ allowConsoleErrors: /status of 404/ });

test("keeps the cards view's DOM small at any length, one tab stop, and loads the rest as the end nears", async ({
  page,
}) => {
  await page.goto(`${server.url}/?view=cards`);
  const grid = page.getByTestId("card-grid");
  const cards = page.getByTestId("task-card");
  const shown = page.getByTestId("board-shown");
  await expect(shown).toHaveText(/^Showing 100 of 1\d\d tasks$/);
  const total = Number(/of (\d+)/.exec((await shown.textContent()) ?? "")?.[1]);
  expect(total).toBeGreaterThan(EXTRA);
  // A hundred loaded, a screenful and a margin in the DOM.
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeLessThan(40);
  // One card's controls are in the tab order, not every card's.
  const tabbable = grid.locator('a[href]:not([tabindex="-1"]), button:not([tabindex="-1"])');
  await expect.poll(() => tabbable.count()).toBeLessThan(10);

  // The arrow keys move between cards; End goes to the last loaded one, and the next page comes.
  await page.locator('[data-card-index="0"] a[href]').first().focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.locator('[data-card-index="1"] a[href]').first()).toBeFocused();
  await page.keyboard.press("End");
  await expect(page.locator('[data-card-index="99"] a[href]').first()).toBeFocused();
  await expect(shown).toHaveCount(0);

  // Scrolling the whole board shows every task once, with the DOM bounded all the way. Newly
  // visible blocks render in the background (React may put them off while the page keeps
  // scrolling), so each step waits until the blocks in the DOM cover the grid's visible part.
  await page.evaluate(() => window.scrollTo(0, 0));
  const seen = new Set<string>();
  let most = 0;
  await expect
    .poll(
      async () => {
        const ids = await page.evaluate(async () => {
          window.scrollBy(0, Math.round(window.innerHeight * 0.7));
          const covered = () => {
            const grid = document.querySelector('[data-testid="card-grid"]')?.getBoundingClientRect();
            if (!grid) return false;
            const top = Math.max(0, grid.top);
            const bottom = Math.min(window.innerHeight, grid.bottom);
            let reached = top;
            const blocks = [...document.querySelectorAll('[data-testid="card-grid"] > [data-index]')]
              .map((block) => block.getBoundingClientRect())
              .sort((a, b) => a.top - b.top);
            for (const block of blocks) if (block.top <= reached + 1) reached = Math.max(reached, block.bottom);
            return reached >= bottom - 1;
          };
          for (let frame = 0; frame < 600 && !covered(); frame++) {
            await new Promise((resolve) => requestAnimationFrame(resolve));
          }
          return [...document.querySelectorAll('[data-testid="task-card"]')].map((card) =>
            card.getAttribute("data-task-id"),
          );
        });
        most = Math.max(most, ids.length);
        for (const id of ids) if (id) seen.add(id);
        return seen.size;
      },
      { timeout: 60_000, intervals: [50] },
    )
    .toBe(total);
  expect(most).toBeLessThan(40);
});

test("opens a board this long as a table that keeps the DOM small, sorts, hides columns and moves by keys", async ({
  page,
}) => {
  await page.goto(server.url);
  await expect(page.getByRole("button", { name: "Table", pressed: true })).toBeVisible();
  const rows = page.getByTestId("task-row");
  const loaded = page.getByTestId("board-shown");
  await expect(loaded).toHaveText(/^100 of 1\d\d tasks loaded$/);
  // A hundred tasks loaded, a few dozen rows in the DOM.
  expect(await rows.count()).toBeLessThan(60);
  expect(await rows.count()).toBeGreaterThan(5);

  // Keyboard: one tab stop, then arrows and End; the rows scroll along and the next page loads.
  await rows.first().getByRole("link").focus();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(1).getByRole("link")).toBeFocused();
  await page.keyboard.press("End");
  await expect(loaded).toHaveText(/^1\d\d of 1\d\d tasks loaded$/);
  const total = Number(/of (\d+)/.exec((await loaded.textContent()) ?? "")?.[1]);
  await expect(loaded).toHaveText(`${total} of ${total} tasks loaded`);
  await page.keyboard.press("End");
  await expect(page.locator("[data-row-link]:focus")).toHaveCount(1);
  expect(await rows.count()).toBeLessThan(60);

  // Sorting by a column, then hiding one; the choice of columns is remembered.
  // Sorting is the server's: every matching task, not the loaded ones only.
  const ids = (await everyTask(server.url)).map((task) => task.id).sort();
  await page.getByRole("button", { name: "Task", exact: true }).click();
  await expect(page).toHaveURL(/order=id/);
  await expect(page.getByRole("columnheader", { name: "Task", exact: true })).toHaveAttribute("aria-sort", "ascending");
  await expect(rows.first()).toHaveAttribute("data-task-id", ids[0] ?? "");
  await page.getByRole("button", { name: "Task", exact: true }).click();
  await expect(page).toHaveURL(/order=-id/);
  await expect(rows.first()).toHaveAttribute("data-task-id", ids.at(-1) ?? "");
  await expect(page.getByRole("combobox", { name: "Sort" })).toHaveValue("order");
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("menuitemcheckbox", { name: "Prompt" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: "Prompt" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("columnheader", { name: "Status" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Prompt" })).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
});

test("keeps the time range in the URL and says when nothing matches it", async ({ page }) => {
  await page.goto(`${server.url}/?range=today&q=pageTest0001&view=cards`);
  await expect(page.getByRole("combobox", { name: "Submitted" })).toHaveValue("today");
  await expect(page.getByTestId("task-card")).toHaveCount(1);
  await page.getByRole("combobox", { name: "Submitted" }).selectOption("7d");
  await expect(page).toHaveURL(/range=7d/);
  // Custom days: today to start with (the task is in it), then days before it (it is not).
  await page.getByRole("combobox", { name: "Submitted" }).selectOption("custom");
  await expect(page).toHaveURL(/range=custom/);
  await expect(page).toHaveURL(/start=\d{4}-\d{2}-\d{2}/);
  await expect(page).toHaveURL(/end=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByTestId("task-card")).toHaveCount(1);
  const dates = page.getByRole("group", { name: "Custom dates" });
  await dates.getByLabel("to").fill("2020-01-31");
  await dates.getByLabel("From").fill("2020-01-01");
  await expect(page).toHaveURL(/start=2020-01-01/);
  await expect(page).toHaveURL(/end=2020-01-31/);
  await expect(page.getByText("No task matches these filters")).toBeVisible();
  await page.getByRole("combobox", { name: "Submitted" }).selectOption("7d");
  await expect(page).not.toHaveURL(/start=/);
  await page.getByPlaceholder("Search id or prompt").fill("no-such-task-anywhere");
  await expect(page.getByText("No task matches these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/range=/);
});

test("acts on a selection: shift-click a range, export it, label it, untrack it", async ({ page }) => {
  await page.goto(server.url);
  const rows = page.getByTestId("task-row");
  await expect(rows.first()).toBeVisible();
  const loaded = page.getByTestId("board-shown");
  await expect(loaded).toHaveText(/^100 of 1\d\d tasks loaded$/);
  const total = Number(/of (\d+)/.exec((await loaded.textContent()) ?? "")?.[1]);
  const ids = await rows.evaluateAll((elements) => elements.slice(0, 5).map((row) => row.getAttribute("data-task-id")));

  await rows.nth(0).getByRole("checkbox").click();
  await rows
    .nth(4)
    .getByRole("checkbox")
    .click({ modifiers: ["Shift"] });
  const bulk = page.getByTestId("bulk-actions");
  await expect(bulk).toContainText("5 selected");

  const download = page.waitForEvent("download");
  await bulk.getByRole("button", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const csv = readFileSync(file, "utf8");
  expect(csv.startsWith("\uFEFFtask_id,status,")).toBe(true);
  expect(csv.trim().split("\r\n")).toHaveLength(6);
  for (const id of ids) expect(csv).toContain(String(id));

  await bulk.getByLabel(/Label for the selected tasks/).fill("bulk-test");
  await bulk.getByRole("button", { name: "Set label" }).click();
  await expect(page.getByText("Label “bulk-test” set: 5 tasks.")).toBeVisible();
  await expect(rows.filter({ hasText: "bulk-test" })).toHaveCount(5);

  await bulk.getByRole("button", { name: "Untrack" }).click();
  await bulk.getByRole("button", { name: "Untrack 5? Press again" }).click();
  await expect(page.getByText("Stopped tracking: 5 tasks.")).toBeVisible();
  await expect(loaded).toHaveText(`100 of ${total - 5} tasks loaded`);
  await expect(page.getByTestId("bulk-actions")).toHaveCount(0);
});

test("selects every task matching the filters, loaded or not, and acts on them at once", async ({ page }) => {
  await page.goto(`${server.url}/?view=table`);
  const loaded = page.getByTestId("board-shown");
  await expect(loaded).toHaveText(/^100 of 1\d\d tasks loaded$/);
  const total = Number(/of (\d+)/.exec((await loaded.textContent()) ?? "")?.[1]);
  await page.getByRole("checkbox", { name: "Select every loaded task" }).click();
  const bulk = page.getByTestId("bulk-actions");
  await expect(bulk.getByTestId("selection-count")).toHaveText("100 selected");
  await bulk.getByRole("button", { name: `Select all ${total} matching` }).click();
  await expect(bulk.getByTestId("selection-count")).toHaveText(`All ${total} matching tasks selected`);

  await bulk.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByText(/^Asked again now: /)).toBeVisible();

  await bulk.getByLabel(/Label for the selected tasks/).fill("everyone");
  await bulk.getByRole("button", { name: "Set label" }).click();
  await expect(page.getByText(`Label “everyone” set: ${total} tasks.`)).toBeVisible();
  const labelled = (await (await fetch(`${server.url}/api/tasks?label=everyone&limit=1`)).json()) as { total: number };
  expect(labelled.total).toBe(total);
  // Unticking one row leaves "all matching" for the rows picked.
  await page.getByTestId("task-row").first().getByRole("checkbox").click();
  await expect(bulk.getByTestId("selection-count")).toHaveText("99 selected");
});
