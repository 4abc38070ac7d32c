import { chromium } from "playwright-core";

/** Debian's Chromium and the flags it needs on this kind of machine (closed network, root, no GPU). */

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--autoplay-policy=no-user-gesture-required",
];

export function chromiumPath(): string {
  return process.env.PADDOCK_CHROMIUM ?? "/usr/bin/chromium";
}

/** Debian's Chromium for scripts outside the Playwright runner (the benchmark, the screenshots). */
export function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
}
