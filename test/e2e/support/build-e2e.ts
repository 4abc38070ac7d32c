// The browser tests' build: Paddock built once with a canary key in the build's environment (the
// canary test proves it was inlined nowhere). Its output goes to a file, printed only when the
// build fails. The build's own type check is skipped (PADDOCK_BUILD_SKIP_TYPECHECK): `npm run
// check` runs `tsc` beside it.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

import { BUILD_STATIC_DIR, precompressStatic } from "@/lib/server/http/compression";

import { CANARY_KEY } from "./canary";

const LOG = "test-results/e2e-build.log";
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith("HAPPYHORSE_") && !name.startsWith("PADDOCK_")),
);

mkdirSync("test-results", { recursive: true });
writeFileSync(LOG, "");
const started = Date.now();
const build = spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
  stdio: ["ignore", "pipe", "pipe"],
  env: {
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PADDOCK_BUILD_SKIP_TYPECHECK: "1",
    HAPPYHORSE_API_KEY: CANARY_KEY,
    HAPPYHORSE_BASE_URL: "http://127.0.0.1:9",
  },
});
const output: Buffer[] = [];
build.stdout.on("data", (chunk: Buffer) => output.push(chunk));
build.stderr.on("data", (chunk: Buffer) => output.push(chunk));
const code = await new Promise<number>((resolve) => build.on("close", (status) => resolve(status ?? 1)));
writeFileSync(LOG, Buffer.concat(output));
if (code !== 0) {
  process.stderr.write(readFileSync(LOG));
  console.error(`The browser tests' build failed (exit ${code}); its output is above and in ${LOG}.`);
  process.exit(code);
}
// As `npm run build` does: the Brotli copies server.ts serves the scripts and styles from.
const written = await precompressStatic(BUILD_STATIC_DIR);
console.log(
  `The browser tests' build is ready (${Math.round((Date.now() - started) / 1000)} s; output in ${LOG}; ${written} Brotli copies).`,
);
