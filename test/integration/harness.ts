import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { markPrecompressedRestored } from "@/lib/server/http/encoding";
import { getRuntime } from "@/lib/server/runtime";
import { markClientAddressesKnown } from "@/lib/server/security/client-address";
import { recordPersonSignIn } from "@/lib/server/security/people";
import { createSession } from "@/lib/server/security/session-store";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

/**
 * Runs Paddock's route handlers in-process against a real simulator over HTTP, as a live
 * deployment would run against a gateway. Each harness gets its own database file.
 */

export const TEST_KEY = "sk-paddock-integration-canary-7f3a9c";

export interface Harness {
  sim: Simulator;
  dbDir: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Every response body and header seen, to search for secrets. */
  seen: string[];
  close(): Promise<void>;
}

const GLOBAL_KEYS = ["paddock.env", "paddock.runtime", "paddock.session.key", "paddock.oidc.config"];

/** As a restart with a changed environment would: the configuration is read again (the store stays). */
export function rereadConfiguration() {
  const holder = globalThis as Record<symbol, unknown>;
  for (const key of ["paddock.env", "paddock.session.key"]) delete holder[Symbol.for(key)];
}

/**
 * A person signed in through the identity provider (made straight in the store: the provider is
 * never called). The harness must run with PADDOCK_OIDC_ISSUER http://127.0.0.1:9/.
 */
export async function personSession(subject: string, name: string) {
  const runtime = await getRuntime();
  const verdict = await recordPersonSignIn(
    runtime.db,
    { issuer: "http://127.0.0.1:9/", subject, name, email: `${subject}@example.com` },
    Date.now(),
  );
  if (!verdict.ok) throw new Error("removed");
  const { token } = await createSession(
    runtime.db,
    { principal: verdict.principal, via: "oidc", passwordTag: null },
    Date.now(),
    3_600_000,
  );
  return { token, key: verdict.principal.key };
}

/** Requests from one client address, as server.ts would record it from the socket. */
export const from = (address: string) => ({ "x-paddock-client": address });

export function resetPaddockGlobals() {
  const holder = globalThis as Record<symbol, unknown>;
  for (const key of GLOBAL_KEYS) delete holder[Symbol.for(key)];
}

export async function startHarness(
  env: Record<string, string> = {},
  /** More variables, from the simulator (its address, for PADDOCK_VIDEO_HOSTS). */
  withSimulator: (sim: Simulator) => Record<string, string> = () => ({}),
): Promise<Harness> {
  const sim = await startSimulator({
    apiKey: TEST_KEY,
    timeScale: Number(env.SIM_TIME_SCALE ?? 1),
    linkLifetimeMs: env.SIM_LINK_MS ? Number(env.SIM_LINK_MS) : undefined,
  });
  const dbDir = mkdtempSync(path.join(tmpdir(), "paddock-int-"));
  const savedEnv = { ...process.env };
  Object.assign(process.env, {
    HAPPYHORSE_API_KEY: TEST_KEY,
    HAPPYHORSE_BASE_URL: sim.url,
    PADDOCK_DB_PATH: path.join(dbDir, "paddock.db"),
    PADDOCK_POLL_INTERVAL_MS: "1000",
    HAPPYHORSE_TIMEOUT_MS: "700",
    // The archive's own tests turn it on; elsewhere its changes would be noise in the change log.
    PADDOCK_ARCHIVE: "off",
    ...env,
    ...withSimulator(sim),
  });
  resetPaddockGlobals();
  // As under server.ts: the client's address is the one the entry recorded (tests set it per request).
  markClientAddressesKnown();
  // As server.ts does: its compression restores the encoding of an answer a route compressed.
  markPrecompressedRestored();
  const collection = await import("@/app/api/tasks/route");
  const session = await import("@/app/api/session/route");
  const tokens = await import("@/app/api/tokens/route");
  const token = await import("@/app/api/tokens/[id]/route");
  const single = await import("@/app/api/tasks/[id]/route");
  const changes = await import("@/app/api/changes/route");
  const health = await import("@/app/api/health/route");
  const bulk = await import("@/app/api/tasks/bulk/route");
  const matchingIds = await import("@/app/api/tasks/ids/route");
  const exportCsv = await import("@/app/api/tasks/export/route");
  const usage = await import("@/app/api/usage/route");
  const generations = await import("@/app/api/generations/route");
  const relayCreate = await import("@/app/v1/video/generations/route");
  const relayQuery = await import("@/app/v1/video/generations/[id]/route");
  const video = await import("@/app/api/tasks/[id]/video/route");
  const archive = await import("@/app/api/tasks/[id]/archive/route");
  const webhooks = await import("@/app/api/webhooks/route");
  const webhook = await import("@/app/api/webhooks/[id]/route");
  const webhookTest = await import("@/app/api/webhooks/[id]/test/route");
  const webhookDeliveries = await import("@/app/api/webhooks/deliveries/route");
  const seen: string[] = [];

  async function request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const full = new URL(url, "http://paddock.test");
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      init.headers = { "Content-Type": "application/json", ...headers };
    }
    const req = new Request(full, init);
    const match = /^\/api\/tasks\/(.+)$/.exec(full.pathname);
    let response: Response;
    const tokenMatch = /^\/api\/tokens\/(.+)$/.exec(full.pathname);
    const webhookMatch = /^\/api\/webhooks\/([^/]+)(\/test)?$/.exec(full.pathname);
    const webhookContext = { params: Promise.resolve({ id: decodeURIComponent(webhookMatch?.[1] ?? "") }) };
    if (full.pathname === "/api/webhooks") {
      response = method === "POST" ? await webhooks.POST(req) : await webhooks.GET(req);
    } else if (full.pathname === "/api/webhooks/deliveries") {
      response = await webhookDeliveries.GET(req);
    } else if (webhookMatch?.[2]) {
      response = await webhookTest.POST(req, webhookContext);
    } else if (webhookMatch) {
      response = await (method === "DELETE" ? webhook.DELETE : webhook.PATCH)(req, webhookContext);
    } else if (full.pathname === "/api/session") {
      const handler = method === "POST" ? session.POST : method === "DELETE" ? session.DELETE : session.GET;
      response = await handler(req);
    } else if (full.pathname === "/api/tokens") {
      response = method === "POST" ? await tokens.POST(req) : await tokens.GET(req);
    } else if (tokenMatch) {
      response = await token.DELETE(req, { params: Promise.resolve({ id: decodeURIComponent(tokenMatch[1] ?? "") }) });
    } else if (full.pathname === "/api/changes") {
      response = await changes.GET(req);
    } else if (full.pathname === "/api/generations") {
      response = await generations.POST(req);
    } else if (full.pathname === "/v1/video/generations") {
      response = await relayCreate.POST(req);
    } else if (full.pathname.startsWith("/v1/video/generations/")) {
      const id = decodeURIComponent(full.pathname.slice("/v1/video/generations/".length));
      response = await relayQuery.GET(req, { params: Promise.resolve({ id }) });
    } else if (full.pathname === "/api/tasks/bulk") {
      response = await bulk.POST(req);
    } else if (full.pathname === "/api/tasks/ids") {
      response = await matchingIds.GET(req);
    } else if (full.pathname === "/api/tasks/export") {
      response = await exportCsv.GET(req);
    } else if (full.pathname === "/api/usage") {
      response = await usage.GET(req);
    } else if (full.pathname === "/api/health") {
      response = await health.GET(req);
    } else if (/^\/api\/tasks\/[^/]+\/(video|archive)$/.test(full.pathname)) {
      const [, , , rawId = "", what] = full.pathname.split("/");
      const context = { params: Promise.resolve({ id: decodeURIComponent(rawId) }) };
      response =
        what === "video"
          ? await video.GET(req, context)
          : method === "DELETE"
            ? await archive.DELETE(req, context)
            : await archive.POST(req, context);
    } else if (match) {
      const context = { params: Promise.resolve({ id: decodeURIComponent(match[1] ?? "") }) };
      const handler = method === "DELETE" ? single.DELETE : method === "PATCH" ? single.PATCH : single.GET;
      response = await handler(req, context);
    } else {
      response = method === "POST" ? await collection.POST(req) : await collection.GET(req);
    }
    const text = await response.clone().text();
    seen.push(text, JSON.stringify([...response.headers.entries()]));
    return response;
  }

  return {
    sim,
    dbDir,
    request,
    seen,
    async close() {
      const runtime = (globalThis as Record<symbol, unknown>)[Symbol.for("paddock.runtime")] as
        Promise<{ close(): Promise<void> }> | undefined;
      if (runtime) await (await runtime).close();
      resetPaddockGlobals();
      process.env = savedEnv;
      await sim.stop();
      rmSync(dbDir, { recursive: true, force: true });
    },
  };
}

/**
 * Paddock's in-process routes behind a real HTTP listener on 127.0.0.1 (for clients that speak
 * HTTP, such as a gateway SDK given Paddock's base URL). `extra` headers go with every request.
 */
export async function serveOverHttp(h: Harness, extra: Record<string, string> = {}) {
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const headers: Record<string, string> = { ...extra };
      for (const name of ["authorization", "idempotency-key", "accept"]) {
        const value = incoming.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks).toString("utf8") : undefined;
      h.request(incoming.method ?? "GET", incoming.url ?? "/", body, headers)
        .then(async (response) => {
          outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()));
          outgoing.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => {
          outgoing.writeHead(500);
          outgoing.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `read` until `done` holds and returns that value: a test waits for a state, never for a
 * fixed time. Gives up (throwing the last value) only after a generous timeout.
 */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await sleep(100);
  }
}
