import type { APIRequestContext } from "@playwright/test";

import { expect, test } from "./support/fixtures";

const IP_INFRINGING = "asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg";
const DISAGREEING = "asyntask_De1f8rESQedUStPKR0CsTy4Qwb8DwkNh";

/** The signature in the task's video link (the player may show Paddock's saved copy instead). */
async function signatureOf(request: APIRequestContext, id: string): Promise<string> {
  const body = (await (await request.get(`/api/tasks/${id}`)).json()) as { task: { view: { video: { url: string } } } };
  return new URL(body.task.view.video.url).searchParams.get("Signature") ?? "";
}

test.describe("the task inspector", () => {
  test("shows an IP infringement's own category and what to tell the creator", async ({ page }) => {
    await page.goto(`/tasks/${IP_INFRINGING}`);
    const panel = page.getByTestId("failure-panel");
    await expect(panel).toHaveAttribute("data-category", "ip_infringement");
    await expect(panel.getByTestId("failure-category")).toHaveText("Suspected IP infringement");
    await expect(panel.getByTestId("failure-message")).toContainText("IP infringement");
    await expect(panel.getByTestId("failure-advice")).toContainText("Describe an original subject");
    await expect(panel).toContainText("refunded by the platform");
    await expect(page.getByText("IPInfringementSuspect").first()).toBeVisible();
  });

  test("warns when the two status levels disagree and when a task is probably stuck", async ({ page }) => {
    await page.goto(`/tasks/${DISAGREEING}`);
    await expect(page.getByTestId("disagreement-warning")).toContainText("DashScope already finished the video");
    await expect(page.getByTestId("stuck-warning")).toContainText("Probably stuck");
  });

  test("hides the raw JSON's signatures until revealed", async ({ page, request }) => {
    await page.goto(`/tasks/${DISAGREEING}`);
    await expect(page.locator("video")).toHaveCount(1);
    const signature = await signatureOf(request, DISAGREEING);
    expect(signature.length).toBeGreaterThan(20);

    await page.getByText("Show the last answer from the gateway").click();
    const json = page.getByTestId("raw-json-text");
    await expect(json).toContainText("Signature=REDACTED");
    await expect(json).not.toContainText(signature);
    await page.getByRole("button", { name: "Reveal signatures" }).click();
    await expect(json).toContainText(signature);
    await page.getByRole("button", { name: "Hide signatures" }).click();
    await expect(json).not.toContainText(signature);
  });

  test("copies a support summary with no signature in it", async ({ page, request }) => {
    await page.goto(`/tasks/${DISAGREEING}`);
    await expect(page.locator("video")).toHaveCount(1);
    const signature = await signatureOf(request, DISAGREEING);
    await page.getByRole("button", { name: "Copy support summary" }).click();
    await expect(page.getByText("Summary copied")).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`### HappyHorse task ${DISAGREEING}`);
    expect(copied).toContain("Levels disagree");
    expect(copied).toContain("DashScope request id");
    expect(copied).toContain("Signature=REDACTED");
    expect(copied).not.toContain(signature);
  });

  test("opens any id from the header, offering to track an untracked one", async ({ page, request, uniqueId }) => {
    const id = uniqueId("inspect");
    await page.goto("/");
    const goTo = page.getByRole("textbox", { name: "Go to task" });
    await goTo.fill("../../dashboard/billing");
    await goTo.press("Enter");
    await expect(page.getByRole("alert").filter({ hasText: "A task id is" })).toHaveCount(1);

    await goTo.fill(id);
    await goTo.press("Enter");
    await expect(page).toHaveURL(`/tasks/${id}`);
    await expect(page.getByTestId("untracked-note")).toBeVisible();
    const search = async () => ((await (await request.get(`/api/tasks?q=${id}`)).json()) as { tasks: unknown[] }).tasks;
    expect(await search()).toHaveLength(0);

    await page.getByTestId("track-this").click();
    await expect(page.getByTestId("untracked-note")).toHaveCount(0);
    expect(await search()).toHaveLength(1);

    // A gateway link pasted whole opens the task it ends in.
    await goTo.fill(`https://www.anyfast.ai/v1/video/generations/${IP_INFRINGING}`);
    await goTo.press("Enter");
    await expect(page).toHaveURL(`/tasks/${IP_INFRINGING}`);
  });

  test("is reached from a board card", async ({ page }) => {
    await page.goto("/");
    const card = page.locator(`[data-task-id="${IP_INFRINGING}"]`);
    await card.getByRole("link", { name: "Inspect this task" }).click();
    await expect(page).toHaveURL(`/tasks/${IP_INFRINGING}`);
    await expect(page.getByTestId("failure-panel")).toBeVisible();
  });

  test("the board's failures view groups failed tasks by category", async ({ page }) => {
    await page.goto("/?view=failures");
    const groups = page.getByTestId("failures-view").locator("section");
    await expect.poll(() => groups.count()).toBeGreaterThanOrEqual(5);
    const infringement = page.locator('section[data-category="ip_infringement"]');
    await expect(infringement.getByRole("heading")).toHaveText(/Suspected IP infringement \(\d+\)/);
    await infringement.getByRole("button", { name: "Only this category" }).click();
    await expect(page).toHaveURL(/[?&]category=ip_infringement/);
    await expect(groups).toHaveCount(1);
  });
});

test.describe("a viewer in another time zone and locale than the server's", () => {
  // The server renders UTC and English numbers; the browser is in Shanghai, in German. A page whose
  // server HTML said local time, or German digits, would not hydrate (React error 418, a console
  // error this suite's pages refuse).
  test.use({ timezoneId: "Asia/Shanghai", locale: "de-DE" });

  test("sees the inspector's and the table's times in its own zone, and the pages hydrate cleanly", async ({
    page,
  }) => {
    await page.goto(`/tasks/${IP_INFRINGING}`);
    const timeline = page.getByRole("list", { name: "Timeline" }).locator("time").first();
    await expect(timeline).toHaveText(/UTC\+8$/);
    await expect(timeline).toHaveAttribute("title", / UTC$/);

    await page.goto("/?view=table");
    await expect(page.getByRole("table").locator("time").first()).toHaveText(/UTC\+8$/);

    await page.goto("/usage");
    await expect(page.getByTestId("stat-cost").locator("dd").first()).toHaveText(/^\$[\d,]+\.\d\d$/);
  });

  test("the pages load without Intl, whose first use costs a long main-thread task", async ({ page }) => {
    await page.addInitScript(() => {
      const calls: string[] = [];
      Object.assign(window, { __intlCalls: calls });
      for (const name of ["NumberFormat", "DateTimeFormat", "RelativeTimeFormat", "PluralRules", "Collator"] as const) {
        const original = Intl[name] as unknown as new (...args: unknown[]) => object;
        Object.defineProperty(Intl, name, {
          configurable: true,
          value: function (...args: unknown[]) {
            calls.push(`Intl.${name}`);
            return new original(...args);
          },
        });
      }
      for (const [target, key] of [
        [Number.prototype, "toLocaleString"],
        [Date.prototype, "toLocaleString"],
        [Date.prototype, "toLocaleDateString"],
        [Date.prototype, "toLocaleTimeString"],
        [String.prototype, "localeCompare"],
      ] as const) {
        const original = (target as unknown as Record<string, (...args: unknown[]) => unknown>)[key];
        Object.defineProperty(target, key, {
          configurable: true,
          writable: true,
          value: function (this: unknown, ...args: unknown[]) {
            calls.push(key);
            return original?.apply(this, args);
          },
        });
      }
    });
    const intlCalls = () => page.evaluate(() => (window as unknown as { __intlCalls: string[] }).__intlCalls);

    // Each page waits for a state that its hydrated scripts make: the local time, the board's
    // tab title, the usage charts drawn after the first paint.
    await page.goto(`/tasks/${IP_INFRINGING}`);
    await expect(page.getByRole("list", { name: "Timeline" }).locator("time").first()).toHaveText(/UTC\+8$/);
    expect(await intlCalls()).toEqual([]);

    await page.goto("/");
    await expect(page).toHaveTitle(/failed · Board · Paddock/);
    expect(await intlCalls()).toEqual([]);

    await page.goto("/usage");
    await expect(page.getByTestId("usage-charts").locator("svg.recharts-surface").first()).toBeVisible();
    expect(await intlCalls()).toEqual([]);
  });
});
