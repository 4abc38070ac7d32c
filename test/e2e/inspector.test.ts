import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchBrowser } from "../support/browser";
import { expectCleanLogs } from "../support/logs";
import { freePort, type PaddockServer, startPaddock } from "../support/paddock-server";

const MODERATED = "asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg";
const DISAGREEING = "asyntask_De1f8rESQedUStPKR0CsTy4Qwb8DwkNh";

let server: PaddockServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  server = await startPaddock({ SIMULATOR_PORT: String(await freePort()), PADDOCK_POLL_INTERVAL_MS: "1000" });
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the task inspector", () => {
  it("shows a moderation failure's category and what to tell the creator", async () => {
    await page.goto(`${server.url}/tasks/${MODERATED}`);
    const panel = page.getByTestId("failure-panel");
    await expect.poll(() => panel.getAttribute("data-category"), { timeout: 15_000 }).toBe("moderation");
    expect(await panel.getByTestId("failure-category").textContent()).toBe("Content moderation");
    expect(await panel.getByTestId("failure-message").textContent()).toContain("IP infringement");
    expect(await panel.getByTestId("failure-advice").textContent()).toMatch(/Change the prompt/);
    expect(await panel.textContent()).toContain("refunded by the platform");
    expect(await page.getByText("IPInfringementSuspect").count()).toBeGreaterThan(0);
  });

  it("warns when the two status levels disagree and when a task is probably stuck", async () => {
    await page.goto(`${server.url}/tasks/${DISAGREEING}`);
    const warning = page.getByTestId("disagreement-warning");
    await expect.poll(() => warning.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await warning.textContent()).toMatch(/DashScope already finished the video/);
    expect(await page.getByTestId("stuck-warning").textContent()).toMatch(/Probably stuck/);
  });

  it("hides the raw JSON's signatures until revealed", async () => {
    const video = page.locator("video");
    await expect.poll(() => video.count()).toBe(1);
    const src = (await video.getAttribute("src")) ?? "";
    const signature = new URL(src).searchParams.get("Signature") ?? "";
    expect(signature.length).toBeGreaterThan(20);

    await page.getByText("Show the last answer from the gateway").click();
    const json = page.getByTestId("raw-json-text");
    await expect.poll(() => json.textContent()).toContain("Signature=REDACTED");
    expect(await json.textContent()).not.toContain(signature);
    await page.getByRole("button", { name: "Reveal signatures" }).click();
    await expect.poll(() => json.textContent()).toContain(signature);
    await page.getByRole("button", { name: "Hide signatures" }).click();
    await expect.poll(() => json.textContent()).not.toContain(signature);
  });

  it("copies a support summary with no signature in it", async () => {
    const src = (await page.locator("video").getAttribute("src")) ?? "";
    const signature = new URL(src).searchParams.get("Signature") ?? "";
    await page.getByRole("button", { name: "Copy support summary" }).click();
    await expect.poll(() => page.getByText("Summary copied").isVisible()).toBe(true);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`### HappyHorse task ${DISAGREEING}`);
    expect(copied).toContain("Levels disagree");
    expect(copied).toContain("DashScope request id");
    expect(copied).toContain("Signature=REDACTED");
    expect(copied).not.toContain(signature);
  });

  it("opens any id from the header, offering to track an untracked one", async () => {
    await page.getByRole("textbox", { name: "Go to task" }).fill("../../dashboard/billing");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "starts with" }).count()).toBe(1);

    await page.getByRole("textbox", { name: "Go to task" }).fill("asyntask_inspectMeFirst");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toBe(`${server.url}/tasks/asyntask_inspectMeFirst`);
    await expect.poll(() => page.getByTestId("untracked-note").isVisible(), { timeout: 15_000 }).toBe(true);
    const before = (await (await fetch(`${server.url}/api/tasks?q=inspectMeFirst`)).json()) as { tasks: unknown[] };
    expect(before.tasks).toHaveLength(0);

    await page.getByTestId("track-this").click();
    await expect.poll(() => page.getByTestId("untracked-note").count()).toBe(0);
    const after = (await (await fetch(`${server.url}/api/tasks?q=inspectMeFirst`)).json()) as { tasks: unknown[] };
    expect(after.tasks).toHaveLength(1);
  });

  it("is reached from a board card, and the board groups failures by category", async () => {
    await page.goto(server.url);
    const card = page.locator(`[data-task-id="${MODERATED}"]`);
    await card.getByRole("link", { name: "Inspect this task" }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/tasks/${MODERATED}`);

    await page.goto(`${server.url}/?view=failures`);
    const groups = page.getByTestId("failures-view").locator("section");
    await expect.poll(() => groups.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    const moderation = page.locator('section[data-category="moderation"]');
    expect(await moderation.getByRole("heading").textContent()).toMatch(/Content moderation \(\d+\)/);
    await moderation.getByRole("button", { name: "Only this category" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("category")).toBe("moderation");
    await expect.poll(() => groups.count()).toBe(1);
  });

  it("left no secret and no URL signature in the server's logs", () => {
    expect(server.logs.join("")).toMatch(/"event":"api_request"/);
    expectCleanLogs(server.logs.join(""), []);
  });
});
