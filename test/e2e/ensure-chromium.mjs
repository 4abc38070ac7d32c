// Browser tests need Debian's Chromium. Install it when missing and we may (root); otherwise say how.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.PADDOCK_CHROMIUM ?? "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log("Chromium is missing: installing Debian's package (apt-get install -y chromium)…");
    execSync("apt-get update && apt-get install -y chromium", { stdio: "inherit" });
  } else {
    console.error(
      `The browser tests need Chromium at ${CHROMIUM}. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium`,
    );
    process.exit(1);
  }
}
