import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Starts the production build on 127.0.0.1 through Paddock's own entry (server.ts, as `npm start`
 * does) with its own database. The server is wrapped in
 * `timeout`, so it stops by itself even if the test runner dies.
 */

const SERVER_LIFETIME_S = 600;

export interface PaddockServer {
  url: string;
  logs: string[];
  /** The `timeout` wrapper's pid: it leads the process group, and the server is its child. */
  pid: number | undefined;
  /** Kills the whole process group at once, as a crash or an OOM killer would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface StartOptions {
  /** Ready when the log says this, instead of when the API answers (which would start the runtime). */
  readyWhen?: RegExp;
}

export async function startPaddock(env: Record<string, string>, options: StartOptions = {}): Promise<PaddockServer> {
  // Not a port the caller already picked for something else (a simulator's, a fake gateway's URL):
  // freePort gives back a port it has just released, so two calls in a row can give the same one.
  const taken = (candidate: number) =>
    Object.values(env).some((value) => value === String(candidate) || new RegExp(`:${candidate}(?!\\d)`).test(value));
  let port = await freePort();
  while (taken(port)) port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "paddock-e2e-"));
  const logs: string[] = [];
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("HAPPYHORSE_") && !name.startsWith("PADDOCK_")),
  );
  const child: ChildProcess = spawn(
    "timeout",
    [String(SERVER_LIFETIME_S), process.execPath, "--import", "tsx", "server.ts"],
    {
      env: {
        ...cleanEnv,
        NODE_ENV: "production",
        PADDOCK_HOST: "127.0.0.1",
        PORT: String(port),
        PADDOCK_DB_PATH: path.join(dataDir, "paddock.db"),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;

  // Generous: a loaded two-core machine can take long to start Next.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Paddock exited early:\n${logs.join("")}`);
    if (options.readyWhen) {
      if (options.readyWhen.test(logs.join(""))) break;
    } else {
      try {
        const response = await fetch(`${url}/api/tasks`);
        if (response.status < 500) break;
      } catch {
        // not listening yet
      }
    }
    if (Date.now() > deadline) throw new Error(`Paddock did not start:\n${logs.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const exited = new Promise((resolve) => child.once("exit", resolve));
  const running = () => child.exitCode === null && child.signalCode === null && child.pid !== undefined;
  /** The whole process group; a group that is already gone is fine. */
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  };
  return {
    url,
    logs,
    pid: child.pid,
    async kill() {
      if (running()) signal("SIGKILL");
      await exited;
    },
    async stop() {
      if (running()) {
        signal("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (running()) signal("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
