import path from "node:path";

import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "test/support/server-only.ts"),
    },
  },
  test: {
    include: ["test/unit/**/*.test.ts", "test/unit/**/*.test.tsx", "test/integration/**/*.test.ts"],
    environment: "node",
    // Server log lines are shown for a failing test only.
    silent: "passed-only",
    testTimeout: 20_000,
    // Integration tests mostly wait on simulated time: four files at once on two cores (1 by default).
    maxWorkers: 4,
    hookTimeout: 30_000,
  },
});
