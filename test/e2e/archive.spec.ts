import { type Simulator, startSimulator } from "@/lib/simulator/server";

import { freePort, type PaddockServer, startPaddock } from "../support/paddock-server";
import { attachOnFailure, expect, test } from "./support/fixtures";

/**
 * Keep, in the browser: a task finishes, Paddock saves its video, and after the gateway's link
 * has expired the card and the inspector still play it, from Paddock's copy.
 */

const KEY = "sk-archive-test-key-0000";
/** The simulator's links last 15 s here (24 h at a real gateway). */
const LINK_MS = 15_000;
let sim: Simulator;
let server: PaddockServer;

test.beforeAll(async () => {
  const port = await freePort();
  sim = await startSimulator({ apiKey: KEY, port, timeScale: 20, linkLifetimeMs: LINK_MS });
  server = await startPaddock({
    HAPPYHORSE_API_KEY: KEY,
    HAPPYHORSE_BASE_URL: sim.url,
    PADDOCK_VIDEO_HOSTS: `http://127.0.0.1:${port}`,
    PADDOCK_POLL_INTERVAL_MS: "500",
  });
});
test.afterAll(async () => {
  await server?.stop();
  await sim?.stop();
});
test.afterEach(async ({}, testInfo) => {
  await attachOnFailure(testInfo, "live-server.log", server.logs.join(""));
});

test("keeps a finished video: it plays from Paddock's copy after the gateway's link has expired", async ({
  page,
  uniqueId,
}) => {
  const id = uniqueId("keep");
  const tracked = await fetch(`${server.url}/api/tasks`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids: [id], label: "Keep test" }),
  });
  expect(tracked.status).toBe(201);

  await page.goto(`${server.url}/?q=${id}`);
  const card = page.locator(`[data-task-id="${id}"]`);
  await expect(card).toHaveAttribute("data-status", "SUCCESS", { timeout: 60_000 });
  const note = card.getByTestId("archive-note");
  await expect(note).toHaveAttribute("data-archive-state", "saved", { timeout: 30_000 });
  await expect(note).toContainText("Saved in Paddock");

  // The link dies; the board says it is no loss, and the card plays the copy.
  await expect(card.getByTestId("video-source")).toHaveText(/the gateway's link has expired/, {
    timeout: LINK_MS + 60_000,
  });
  await card.getByRole("button", { name: /^Play preview of/ }).click();
  const video = card.locator("video");
  await expect(video).toHaveAttribute("src", `/api/tasks/${id}/video`);
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 20_000 })
    .toBeGreaterThan(0);

  // The inspector plays it too, and can delete the copy (two presses).
  await page.goto(`${server.url}/tasks/${id}`);
  const player = page.locator("video");
  await expect(player).toHaveAttribute("src", `/api/tasks/${id}/video`);
  await expect
    .poll(() => player.evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);
  await page.getByRole("button", { name: "Delete saved copy" }).click();
  await page.getByRole("button", { name: /Delete the saved copy\? Press again/ }).click();
  await expect(page.getByTestId("archive-note")).toHaveAttribute("data-archive-state", "deleted");
  await expect(page.getByText(/The download link expired/)).toBeVisible();
  // With the link gone, it cannot be saved again.
  await expect(page.getByRole("button", { name: "Save a copy again" })).toHaveCount(0);
});
