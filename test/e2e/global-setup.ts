import { spawnSync } from "node:child_process";

import { CANARY_KEY } from "./canary";

/**
 * Builds the production bundle once, with the canary key in the build's environment, so that
 * the canary test can prove the key was inlined nowhere. Set PADDOCK_E2E_SKIP_BUILD=1 to reuse
 * a build made the same way.
 */
export default function setup() {
  if (process.env.PADDOCK_E2E_SKIP_BUILD === "1") return;
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      HAPPYHORSE_API_KEY: CANARY_KEY,
      HAPPYHORSE_BASE_URL: "http://127.0.0.1:9",
    },
  });
  if (result.status !== 0) throw new Error("next build failed");
}
