import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { type Simulator, startSimulator } from "@/lib/simulator/server";

import { type PaddockServer, startPaddock } from "../support/paddock-server";
import { attachOnFailure, expect, test } from "./support/fixtures";

/**
 * An operator deletes the database file under a running Paddock. The board says so in a red
 * storage banner while it keeps showing what was stored, writes are refused with 503, and
 * /api/health says failing: nothing is acknowledged that would be lost.
 */

const KEY = "sk-storage-test-key-0000000";
const ID = "asyntask_StorageE2E0000000000000000000001";

test.describe.configure({ mode: "serial", timeout: 180_000 });
// The board's poll that meets a refused write logs nothing; a 503 on a write the test makes is expected.
test.use({ allowConsoleErrors: /503/ });

let sim: Simulator;
let server: PaddockServer | null = null;
let dataDir: string;

test.beforeAll(async () => {
  sim = await startSimulator({ apiKey: KEY, timeScale: 0.05 });
  dataDir = mkdtempSync(path.join(tmpdir(), "paddock-storage-"));
});
test.afterAll(async () => {
  await server?.stop();
  await sim?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
test.afterEach(async ({}, testInfo) => {
  await attachOnFailure(testInfo, "server.log", server?.logs.join("") ?? "");
});

test("the database file deleted: a red storage banner, the last cards kept, writes refused", async ({ page }) => {
  server = await startPaddock({
    HAPPYHORSE_API_KEY: KEY,
    HAPPYHORSE_BASE_URL: sim.url,
    PADDOCK_DB_PATH: path.join(dataDir, "paddock.db"),
    PADDOCK_POLL_INTERVAL_MS: "1000",
  });
  const tracked = await fetch(`${server.url}/api/tasks`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids: [ID] }),
  });
  expect(tracked.status).toBe(201);
  await page.goto(server.url);
  const card = page.getByTestId("task-card");
  await expect(card).toHaveCount(1);
  await expect(page.getByTestId("storage-notice")).toHaveCount(0);

  for (const suffix of ["", "-wal", "-shm"]) rmSync(path.join(dataDir, `paddock.db${suffix}`), { force: true });

  const notice = page.getByTestId("storage-notice");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("Storage: Paddock cannot keep changes right now.");
  await expect(notice).toContainText("paddock.db was deleted while Paddock was running");
  await expect(card).toHaveCount(1);

  const refused = await fetch(`${server.url}/api/tasks`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids: ["asyntask_StorageE2E0000000000000000000002"] }),
  });
  expect(refused.status).toBe(503);
  const health = await fetch(`${server.url}/api/health`);
  expect(health.status).toBe(503);
  expect(((await health.json()) as { status: string }).status).toBe("failing");
  // Log lines are written after the answer (once per turn of the event loop): wait for the line.
  const { logs } = server;
  await expect.poll(() => logs.join("")).toContain('"event":"storage_unavailable"');
});
