import { defineConfig } from "vitest/config";

import unit from "./vitest.config";

export default defineConfig({
  resolve: unit.resolve,
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/e2e/global-setup.ts"],
    // One browser and one server at a time: the machine has two cores.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
