import { readFileSync } from "node:fs";
import path from "node:path";

/** The demo server that Playwright's webServer starts for every spec (see playwright.config.ts). */

export const MAIN_SERVER_LOG = path.resolve("test-results/e2e-web.log");
export const MAIN_PORT = Number(process.env.PADDOCK_E2E_PORT ?? 3217);
/** The demo's simulator: where its videos are served from. */
export const MAIN_SIMULATOR_PORT = MAIN_PORT + 1;

/** Everything the demo server has logged so far. */
export function mainServerLogs(): string {
  try {
    return readFileSync(MAIN_SERVER_LOG, "utf8");
  } catch {
    return "";
  }
}
