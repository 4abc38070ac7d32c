import { defineConfig } from "@playwright/test";

import { CANARY_KEY } from "./test/e2e/support/canary";
import { MAIN_PORT as PORT, MAIN_SERVER_LOG, MAIN_SIMULATOR_PORT } from "./test/e2e/support/main-server";
import { CHROMIUM_FLAGS, chromiumPath } from "./test/support/chromium";

/**
 * Browser tests on Debian's Chromium (never a downloaded browser). The web server builds Paddock
 * once, with a canary key in the build's environment, then serves the demo on 127.0.0.1; tests
 * that need another configuration start their own server (test/support/paddock-server.ts).
 */

/** Files that start servers of their own (their own simulator and store), never the shared demo. */
const OWN_SERVER_SPECS = [
  "**/archive.spec.ts",
  "**/board-pages.spec.ts",
  "**/board-scale.spec.ts",
  "**/boot.spec.ts",
  "**/flood.spec.ts",
  "**/oidc.spec.ts",
  "**/outage.spec.ts",
  "**/storage.spec.ts",
];
/** Files whose assertions bound timings (calls per interval, a kill mid-write): nothing runs beside them. */
const SOLO_SPECS = ["**/multi-instance.spec.ts", "**/sigkill.spec.ts"];

export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.spec.ts",
  // One file at a time: on two cores, two browsers and their servers side by side made every test
  // about three times slower (measured), more than the parallelism won. The files that measure
  // timing run last.
  workers: 1,
  fullyParallel: false,
  projects: [
    { name: "demo", testIgnore: [...OWN_SERVER_SPECS, ...SOLO_SPECS], workers: 1 },
    { name: "own", testMatch: OWN_SERVER_SPECS, workers: 1 },
    { name: "solo", testMatch: SOLO_SPECS, workers: 1, dependencies: ["demo", "own"] },
  ],
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [["list"], ["junit", { outputFile: "test-results/e2e-junit.xml" }]] : "list",
  outputDir: "test-results/e2e",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    viewport: { width: 1400, height: 1000 },
    permissions: ["clipboard-read", "clipboard-write"],
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_FLAGS },
  },
  webServer: {
    command: "node test/e2e/support/serve-demo.mjs",
    url: `http://127.0.0.1:${PORT}/api/tasks`,
    timeout: 600_000,
    reuseExistingServer: false,
    // The server's JSON log lines go to a file, attached to a failing test; the console stays quiet.
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      PADDOCK_E2E_PORT: String(PORT),
      PADDOCK_E2E_SIMULATOR_PORT: String(MAIN_SIMULATOR_PORT),
      PADDOCK_E2E_LOG: MAIN_SERVER_LOG,
      PADDOCK_E2E_CANARY: CANARY_KEY,
    },
  },
});
