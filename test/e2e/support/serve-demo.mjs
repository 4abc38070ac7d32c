// The browser tests' web server: builds Paddock once (build-e2e.ts, with a canary key in the
// build's environment), then serves the demo on 127.0.0.1 with its own database. Log lines go to a file; they are attached to a failing test, never printed.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const port = process.env.PADDOCK_E2E_PORT ?? "3217";
const logFile = process.env.PADDOCK_E2E_LOG ?? "test-results/e2e-web.log";
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith("HAPPYHORSE_") && !name.startsWith("PADDOCK_")),
);

// `npm run check` builds beside the lint and type checks first (PADDOCK_E2E_SKIP_BUILD=1 here then).
if (process.env.PADDOCK_E2E_SKIP_BUILD !== "1") {
  const build = spawnSync(process.execPath, ["--import", "tsx", "test/e2e/support/build-e2e.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: process.env,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dataDir = mkdtempSync(path.join(tmpdir(), "paddock-e2e-web-"));
mkdirSync(path.dirname(logFile), { recursive: true });
const log = createWriteStream(logFile, { flags: "w" });
// Under `timeout`, so the server stops by itself even if Playwright dies without stopping it.
// Through Paddock's own entry, as `npm start` runs it (it records each client's socket address).
const server = spawn("timeout", ["1800", process.execPath, "--import", "tsx", "server.ts"], {
  env: {
    ...env,
    PADDOCK_HOST: "127.0.0.1",
    PORT: port,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PADDOCK_DB_PATH: path.join(dataDir, "paddock.db"),
    SIMULATOR_PORT: process.env.PADDOCK_E2E_SIMULATOR_PORT ?? String(Number(port) + 1),
    SIMULATOR_TIME_SCALE: "10",
    PADDOCK_POLL_INTERVAL_MS: "1000",
    PADDOCK_PRICE_PER_SECOND_720P: "0.2",
    PADDOCK_PRICE_PER_SECOND_1080P: "0.5",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout.pipe(log);
server.stderr.pipe(log);

// A port another process holds will not come free by waiting: say so at once instead of letting
// Playwright wait for the web server until its timeout.
let failed = false;
const watchForPortClash = (chunk) => {
  const line = /could not listen on [^ ]+ \([^)]*\)/.exec(chunk.toString());
  if (!line || failed) return;
  failed = true;
  console.error(`The demo server cannot start: ${line[0]}. Free the port or set PADDOCK_E2E_PORT.`);
  server.kill("SIGTERM");
  server.once("exit", () => process.exit(1));
};
server.stdout.on("data", watchForPortClash);
server.stderr.on("data", watchForPortClash);

function stop() {
  server.kill("SIGTERM");
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  log.end();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(failed ? 1 : (code ?? 0));
});
