import type { Page } from "@playwright/test";

import { PHONE_FIRST_CARDS } from "@/lib/tasks/card-layout";

import { rawRequest } from "../support/raw-http";
import { PHONE_UA } from "../support/user-agents";
import { expect, test } from "./support/fixtures";

const cards = (page: Page) => page.getByTestId("task-card");

test.describe("the board in demo mode", () => {
  test("is rendered on the server: the first screenful's cards are in the HTML, not a skeleton", async ({
    baseURL,
  }) => {
    const html = (await rawRequest(baseURL ?? "", "GET", "/")).text;
    // One block of six cards (two rows of three): the browser renders the rest once it knows its window.
    expect(html.match(/data-testid="task-card"/g)?.length ?? 0).toBe(6);
    // The cards are the page, not a later replacement of a skeleton.
    expect(html).not.toContain('aria-label="Loading tasks"');
    const table = (await rawRequest(baseURL ?? "", "GET", "/?view=table")).text;
    expect(table.match(/data-testid="task-row"/g)?.length ?? 0).toBeGreaterThanOrEqual(12);
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true, userAgent: PHONE_UA });

    test("gets the first cards of the block from the server, and the rest once the page is idle", async ({
      page,
      baseURL,
    }) => {
      // One column shows one or two cards: the HTML carries three (the client hint, or the user agent).
      const phones: Array<Record<string, string>> = [{ "Sec-CH-UA-Mobile": "?1" }, { "User-Agent": PHONE_UA }];
      for (const headers of phones) {
        const html = (await rawRequest(baseURL ?? "", "GET", "/", undefined, headers)).text;
        expect(html.match(/data-testid="task-card"/g)?.length ?? 0).toBe(PHONE_FIRST_CARDS);
      }
      // This browser is a phone too: its own page came with the three.
      const own = await (await page.goto("/"))?.text();
      expect(own?.match(/data-testid="task-card"/g)?.length ?? 0).toBe(PHONE_FIRST_CARDS);
      const first = cards(page).first();
      await expect(first).toBeInViewport();
      const before = await first.boundingBox();
      // Then the block's other cards and the block below, in order and once each (the demo has 14 tasks).
      const indexes = () =>
        page
          .locator("[data-card-index]")
          .evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-card-index"))));
      await expect.poll(indexes).toEqual(Array.from({ length: 12 }, (_, index) => index));
      // Filling in below the first card moves nothing on screen.
      expect(Math.abs(((await first.boundingBox())?.y ?? Infinity) - (before?.y ?? 0))).toBeLessThanOrEqual(1);
    });
  });

  test("opens on live demo cards with a demo banner", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("demo-banner")).toBeVisible();
    await expect(page.getByTestId("updated-ago")).toContainText("Updated");
    await expect.poll(() => cards(page).count()).toBeGreaterThanOrEqual(12);
  });

  test("adds a task through the dialog and watches its card reach SUCCESS with a playing video", async ({
    page,
    uniqueId,
  }) => {
    const id = uniqueId("watch");
    await page.goto("/");
    await expect(page.getByTestId("updated-ago")).toContainText("Updated");
    await page.keyboard.press("a");
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Task ids").fill(`${id}, not-an-id\n${id}`);
    await dialog.getByLabel(/^Label/).fill("E2E team");
    await expect(dialog.getByTestId("id-count")).toHaveText("2 ids: 1 valid, 1 not valid (not sent).");
    await expect(dialog.getByRole("list", { name: "Ids that are not valid" })).toContainText("A task id is");
    await dialog.getByRole("button", { name: "Track 1 valid id" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Tracking 1 new task")).toBeVisible();

    const card = page.locator(`[data-task-id="${id}"]`);
    await expect(card.getByTestId("label-chip")).toContainText("E2E team");
    await expect(card).toHaveAttribute("data-status", "SUCCESS", { timeout: 60_000 });
    // Nothing is fetched until asked: a play button stands where the video will be.
    const video = card.locator("video");
    await expect(card.getByTestId("video-placeholder")).toBeVisible();
    await expect(video).toHaveCount(0);
    await card.getByRole("button", { name: /Play preview/ }).click();
    await expect(video).toHaveCount(1);
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => !element.paused && element.readyState >= 2))
      .toBe(true);
    // The gateway's link, or Paddock's saved copy once the archive has it.
    await expect(card.getByText(/Link expires in|Playing Paddock's copy/)).toHaveCount(1);

    // Download saves the file under the task's id and label, through Paddock.
    const href = (await card.getByRole("link", { name: "Download" }).getAttribute("href")) ?? "";
    expect(href).toBe(`/api/tasks/${id}/video?download=1`);
    const download = await page.request.get(href);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("video/mp4");
    expect(download.headers()["content-disposition"]).toContain(`attachment; filename="${id}-E2E-team.mp4"`);
    expect((await download.body()).subarray(4, 8).toString("latin1")).toBe("ftyp");
  });

  test("edits a label on the card", async ({ page, uniqueId, track }) => {
    const id = uniqueId("label");
    await track([id], "Before");
    await page.goto("/");
    const card = page.locator(`[data-task-id="${id}"]`);
    await card.getByTestId("label-chip").click();
    const input = card.getByLabel("Label");
    await input.fill("Renamed team");
    await input.press("Enter");
    await expect(card.getByTestId("label-chip")).toContainText("Renamed team");
    await page.reload();
    await expect(card.getByTestId("label-chip")).toContainText("Renamed team");
  });

  test("marks a task whose levels disagree and that looks stuck, right on its card", async ({ page }) => {
    await page.goto("/");
    const card = page.locator('[data-task-id="asyntask_De1f8rESQedUStPKR0CsTy4Qwb8DwkNh"]');
    await expect(card.getByTestId("disagreement-badge")).toHaveText("Levels disagree");
    await expect(card.getByTestId("stuck-badge")).toHaveText("Probably stuck");
  });

  test("shows where a failed task stopped, not a full bar and a delivery", async ({ page }) => {
    await page.goto("/");
    const card = page.locator('[data-task-id="asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg"]');
    await expect(card.locator('[data-phase="generating"]')).toHaveAttribute("data-state", "failed");
    await expect(card.locator('[data-phase="generating"]')).toContainText("Failed while generating");
    await expect(card.locator('[data-phase="delivered"]')).toHaveCount(0);
    await expect(card.getByRole("progressbar")).toHaveCount(0);
  });

  test("says a task is unknown to the gateway on its card, with no 'gateway failing' notice", async ({
    page,
    track,
    uniqueId,
  }) => {
    const id = uniqueId("missing");
    await track([id]);
    await page.goto("/");
    await expect(page.locator(`[data-task-id="${id}"]`)).toContainText("The gateway does not know this task");
    await expect(page.getByTestId("gateway-notice")).toHaveCount(0);
    await expect(page.getByText(/The gateway is failing for/)).toHaveCount(0);
  });

  test("says how long an active task is likely to take, and where the estimate comes from", async ({ page }) => {
    await page.goto("/?status=active&view=cards");
    const eta = page.getByTestId("eta").first();
    await expect(eta).toHaveText(/left, at most|longer than 9 in 10 similar tasks|Due any moment|delivering/);
    await expect(eta).toHaveAttribute("title", /finished tasks|documents 1 to 5 minutes/);
  });

  test("shows a failed task's reason", async ({ page }) => {
    // The board's failed tasks (its cards are virtualized: the DOM holds those on screen).
    await page.goto("/?status=failed&view=cards");
    const failed = page.locator('[data-testid="task-card"][data-status="FAILURE"]');
    await expect(failed.getByTestId("failure-reason").filter({ hasText: "IP infringement" })).toHaveText(
      "Input data is suspected of being involved in IP infringement.",
    );
    await expect.poll(() => failed.count()).toBeGreaterThanOrEqual(4);
  });

  test("filters the board, keeping the filters in a shareable URL", async ({ page }) => {
    await page.goto("/");
    await expect.poll(() => cards(page).count()).toBeGreaterThanOrEqual(12);
    await page.getByRole("button", { name: /^Failed/ }).click();
    await expect(page).toHaveURL(/[?&]status=failed/);
    await expect
      .poll(async () => new Set(await cards(page).evaluateAll((els) => els.map((el) => el.dataset.status))))
      .toEqual(new Set(["FAILURE"]));

    await page.getByRole("searchbox").fill("superhero");
    await expect(cards(page)).toHaveCount(1);
    await expect(page).toHaveURL(/[?&]q=superhero/);

    await page.reload();
    await expect(cards(page)).toHaveCount(1);
    await expect(page.getByRole("button", { name: /^Failed/ })).toHaveAttribute("aria-pressed", "true");

    await page.getByRole("searchbox").fill("no such prompt anywhere");
    await expect(page.getByText("No task matches these filters")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => cards(page).count()).toBeGreaterThanOrEqual(12);
    await expect(page).toHaveURL(/\/$/);
  });

  test("stops tracking a task with two presses", async ({ page, uniqueId, track }) => {
    const id = uniqueId("untrack");
    await track([id]);
    await page.goto("/");
    const card = page.locator(`[data-task-id="${id}"]`);
    await card.getByRole("button", { name: "Stop tracking this task" }).click();
    await card.getByRole("button", { name: "Stop tracking?" }).click();
    await expect(card).toHaveCount(0);
  });
});
