import { randomBytes } from "node:crypto";

import { expect, test } from "./support/fixtures";

/** Starting generations from Paddock's form, in demo mode against the simulator. */

const unique = () => randomBytes(4).toString("hex");

test.describe("a new generation", () => {
  test("starts from the form and is watched to the end, one task for a double click", async ({ page, request }) => {
    const prompt = `A horse gallops along the beach at dawn ${unique()}`;
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New generation" }).click();
    await expect(page.getByRole("heading", { name: "New generation" })).toBeVisible();
    await page.getByLabel("Prompt").fill(prompt);
    await expect(page.getByTestId("prompt-count")).toHaveText(`${prompt.length} / 1,500 characters`);
    await page.getByLabel("Resolution").selectOption("1080P");
    await page.getByLabel("Aspect ratio").selectOption("9:16");
    await page.getByLabel(/^Duration/).fill("4");
    await page.getByLabel("Seed (optional)").fill("1234");
    await page.getByText("The JSON that will be sent").click();
    await expect(page.getByTestId("request-json")).toContainText('"model": "happyhorse-1.0-t2v"');
    await expect(page.getByTestId("request-json")).toContainText('"seed": 1234');
    await expect(page.getByTestId("estimate")).toContainText("4 billed seconds at 1080P");

    await page.getByRole("button", { name: "Start generation" }).dblclick();
    await expect(page).toHaveURL(/\/\?q=asyntask_/);
    const card = page.getByTestId("task-card");
    await expect(card).toHaveCount(1);
    await expect(card).toContainText(prompt);
    // Paddock knows what it sent: the new card can be duplicated from its first second.
    await expect(card.getByRole("link", { name: "Duplicate with changes" })).toBeVisible();
    await expect(card).toHaveAttribute("data-status", "SUCCESS", { timeout: 60_000 });
    // One task, however many clicks.
    const board = (await (await request.get(`/api/tasks?q=${encodeURIComponent(prompt)}`)).json()) as { total: number };
    expect(board.total).toBe(1);

    // "Duplicate with changes" from the card: every field as it was sent, the seed included.
    await card.getByRole("link", { name: "Duplicate with changes" }).click();
    await expect(page.getByTestId("duplicate-note")).toContainText("as it was started in Paddock");
    await expect(page.getByLabel("Prompt")).toHaveValue(prompt);
    await expect(page.getByRole("button", { name: "Text to video" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByLabel("Resolution")).toHaveValue("1080P");
    await expect(page.getByLabel("Aspect ratio")).toHaveValue("9:16");
    await expect(page.getByLabel(/^Duration/)).toHaveValue("4");
    await expect(page.getByLabel("Seed (optional)")).toHaveValue("1234");
  });

  test("checks each field where it is, and sends nothing until they are right", async ({ page }) => {
    await page.goto("/generations/new");
    await page.getByRole("button", { name: "Image to video" }).click();
    await page.getByLabel("First frame (image link)").fill("ftp://example.com/a.png");
    await page.getByLabel("Prompt").click();
    await expect(page.getByTestId("field-error").filter({ hasText: "https://" })).toBeVisible();
    await page.getByRole("button", { name: "Start generation" }).click();
    await expect(page.getByText("Some fields need a fix before anything is sent.")).toBeVisible();
    await expect(page.getByText("Write a prompt.")).toBeVisible();
    await expect(page).toHaveURL(/\/generations\/new/);
    // A duration out of range is named next to its field.
    await page.getByLabel(/Duration/).fill("20");
    await expect(page.getByText("A duration is 3 to 15 whole seconds.")).toBeVisible();
  });

  test.describe(() => {
    // The refusal is an HTTP 422, which Chromium logs.
    test.use({ allowConsoleErrors: /status of 422/ });
    test("shows the gateway's refusal in its words and category, and tracks nothing", async ({ page, request }) => {
      const prompt = `moderation-test ${unique()}`;
      await page.goto("/generations/new");
      await page.getByLabel("Prompt").fill(prompt);
      await page.getByRole("button", { name: "Start generation" }).click();
      const alert = page.getByTestId("generation-error");
      await expect(alert).toContainText("The gateway refused it: Content moderation");
      await expect(alert).toContainText("inappropriate content");
      await expect(alert).toContainText("Nothing was tracked.");
      const board = (await (await request.get(`/api/tasks?q=${encodeURIComponent(prompt)}`)).json()) as {
        total: number;
      };
      expect(board.total).toBe(0);
    });
  });

  test("duplicates a task with changes, from its own snapshot", async ({ page }) => {
    await page.goto("/tasks/asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg");
    const { task } = (await (
      await page.request.get("/api/tasks/asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg")
    ).json()) as {
      task: { view: { prompt: string; usage: { resolutionTier: number | null } | null } };
    };
    await page.getByRole("link", { name: "Duplicate with changes" }).click();
    await expect(page.getByTestId("duplicate-note")).toContainText("asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg");
    // Pasted, not started here: filled from the gateway's answer, and says what it cannot know.
    await expect(page.getByTestId("duplicate-note")).toContainText("add them again");
    await expect(page.getByLabel("Prompt")).toHaveValue(task.view.prompt);
    await expect(page.getByLabel("Resolution")).toHaveValue(
      task.view.usage?.resolutionTier === 1080 ? "1080P" : "720P",
    );
  });
});
