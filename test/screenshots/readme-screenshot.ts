/**
 * `npm run screenshots`: the README's picture of the board in demo mode. A script, not a test:
 * it writes a tracked file on purpose, so no test run ever does. Builds Paddock when no build is
 * there (or when SCREENSHOT_BUILD=1).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

import { launchChromium } from "../support/chromium";
import { freePort, startPaddock } from "../support/paddock-server";

const OUTPUT = "test/screenshots/board.png";

async function main() {
  if (!existsSync(".next/BUILD_ID") || process.env.SCREENSHOT_BUILD === "1") {
    const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const server = await startPaddock({
    SIMULATOR_PORT: String(await freePort()),
    SIMULATOR_TIME_SCALE: "5",
    PADDOCK_POLL_INTERVAL_MS: "1000",
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme: "light" });
    await page.goto(server.url);
    await page.getByTestId("task-card").nth(12).waitFor();
    // Every preview's first frame is loaded before the picture is taken.
    await page.waitForFunction(() =>
      [...document.querySelectorAll("video")].every((video) => video.readyState >= 2 || !video.src),
    );
    await page.screenshot({ path: OUTPUT });
    console.log(`Wrote ${OUTPUT}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
