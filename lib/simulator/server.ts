import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import { checkTaskId } from "@/lib/happyhorse/task-id";
import { simulateCreate } from "@/lib/simulator/create";
import documentedSuccess from "@/lib/simulator/documented-success.json" with { type: "json" };
import { renderTask, type SimTask } from "@/lib/simulator/lifecycle";
import { demoTasks, DOCUMENTED_TASK_ID, improvisedTask } from "@/lib/simulator/scenarios";
import { answerInShape, shapeForId } from "@/lib/simulator/shapes";
import { LINK_LIFETIME_MS } from "@/lib/tasks/video-link";

/**
 * A stand-in for a HappyHorse gateway: the documented wire format over real HTTP, its own Bearer
 * key, signed expiring video links, and fault modes that tests set through the returned handle.
 * Listens on 127.0.0.1 only.
 */

export const FAULT_MODES = [
  "none",
  "http_500",
  "html",
  "rate_limit",
  "hang",
  "malformed",
  "garbage",
  "empty",
  "unauthorized",
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface SimulatorOptions {
  apiKey: string;
  port?: number;
  timeScale?: number;
  clipPath?: string;
  now?: () => number;
  /** How long a finished task's video link lasts (24 h, as documented, unless a test shortens it). */
  linkLifetimeMs?: number;
}

/** What the media host does to the next downloads: fail, or cut the video off halfway. */
export const MEDIA_FAULTS = ["none", "http_500", "cut"] as const;
export type MediaFault = (typeof MEDIA_FAULTS)[number];

export interface Simulator {
  url: string;
  /** Queries (`calls`, per id) and creations (`creates`) since the last reset. */
  stats(): { calls: number; byId: Record<string, number>; creates: number };
  resetStats(): void;
  /** Every query since the last reset, with when it arrived (the most recent 100,000). */
  callLog(): ReadonlyArray<{ id: string; at: number }>;
  /** Applies `mode` to the next `count` queries (all of them when count is omitted). */
  setFault(mode: FaultMode, count?: number, retryAfterSeconds?: number): void;
  /** Applies `mode` to the next `count` video downloads (all of them when count is omitted). */
  setMediaFault(mode: MediaFault, count?: number): void;
  /** Video downloads since the start (whole or ranged). */
  mediaRequests(): number;
  stop(): Promise<void>;
}

const QUERY_PREFIX = "/v1/video/generations/";
const CREATE_PATH = "/v1/video/generations";

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const timeScale = options.timeScale ?? 1;
  const clipPath = options.clipPath ?? path.join(process.cwd(), "public", "demo", "horse.mp4");
  const linkSecret = randomBytes(32);
  const tasks = new Map<string, SimTask | null>(demoTasks(now(), timeScale).map((task) => [task.id, task]));
  const calls = new Map<string, number>();
  let creates = 0;
  const log: Array<{ id: string; at: number }> = [];
  let fault: { mode: FaultMode; remaining: number; retryAfter: number } = {
    mode: "none",
    remaining: Infinity,
    retryAfter: 2,
  };
  let origin = "";
  const hanging = new Set<ServerResponse>();
  let clip: Buffer | undefined;

  let mediaFault: { mode: MediaFault; remaining: number } = { mode: "none", remaining: Infinity };
  let mediaRequests = 0;
  const sign = (upstreamId: string, documentedExpiry: number) => {
    const expiresAtMs =
      options.linkLifetimeMs === undefined
        ? documentedExpiry
        : documentedExpiry - LINK_LIFETIME_MS + options.linkLifetimeMs;
    const expires = Math.floor(expiresAtMs / 1000);
    const signature = createHmac("sha256", linkSecret).update(`${upstreamId}:${expires}`).digest("base64url");
    return `${origin}/media/${upstreamId}.mp4?Expires=${expires}&OSSAccessKeyId=LTAI5tDemoSimulator&Signature=${signature}`;
  };

  function taskFor(id: string): SimTask | null {
    if (!tasks.has(id)) tasks.set(id, improvisedTask(id, now(), timeScale));
    return tasks.get(id) ?? null;
  }

  function takeFault(): FaultMode {
    if (fault.mode === "none" || fault.remaining <= 0) return "none";
    fault.remaining -= 1;
    return fault.mode;
  }

  function authorized(req: IncomingMessage): boolean {
    const expected = Buffer.from(`Bearer ${options.apiKey}`);
    const given = Buffer.from(req.headers.authorization ?? "");
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  function answerQuery(req: IncomingMessage, res: ServerResponse, id: string) {
    calls.set(id, (calls.get(id) ?? 0) + 1);
    if (log.length >= 100_000) log.shift();
    log.push({ id, at: Date.now() });
    const mode = takeFault();
    if (mode === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (mode === "http_500") return send(res, 500, { code: "internal_error", message: "upstream error", data: null });
    if (mode === "html")
      return sendText(res, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>");
    if (mode === "rate_limit") {
      res.setHeader("Retry-After", String(fault.retryAfter));
      return send(res, 429, { error: { message: "Too many requests", type: "rate_limit_error" } });
    }
    if (mode === "malformed") return send(res, 200, { code: "success", message: "", data: { progress: 12 } });
    if (mode === "garbage") return sendText(res, 200, "application/json", '{"code":"success","data":{');
    if (mode === "empty") return sendText(res, 200, "application/json", "");
    if (mode === "unauthorized" || !authorized(req)) {
      return send(res, 401, { error: { message: "Invalid token", type: "new_api_error" } });
    }
    if (!checkTaskId(id).ok) return send(res, 400, { code: "invalid_request", message: "invalid task id", data: null });
    if (id === DOCUMENTED_TASK_ID) return send(res, 200, documentedSuccess);
    const task = taskFor(id);
    // new-api answers an unknown task with HTTP 400 (relay_task.go); the seed gateway with 200.
    const missing = { code: "task_not_exist", message: "task_not_exist", data: null };
    if (!task) return send(res, shapeForId(id) === "seed" ? 200 : 400, missing);
    return send(res, 200, answerInShape(shapeForId(id), renderTask(task, now(), sign)));
  }

  async function answerCreate(req: IncomingMessage, res: ServerResponse) {
    creates += 1;
    const mode = takeFault();
    if (mode === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (mode === "http_500") return send(res, 500, { error: { message: "upstream error", type: "upstream_error" } });
    if (mode === "rate_limit") {
      res.setHeader("Retry-After", String(fault.retryAfter));
      return send(res, 429, { error: { message: "Too many requests", type: "rate_limit_error" } });
    }
    if (mode === "unauthorized" || !authorized(req)) {
      return send(res, 401, { error: { message: "Invalid token", type: "new_api_error" } });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 1024 * 1024) return send(res, 413, { error: { message: "body too large", type: "invalid_request" } });
      chunks.push(chunk as Buffer);
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(res, 400, { error: { message: "invalid JSON", type: "invalid_request", code: "InvalidParameter" } });
    }
    const outcome = simulateCreate(body, now(), timeScale);
    if (!outcome.ok) return send(res, outcome.status, outcome.body);
    tasks.set(outcome.task.id, outcome.task);
    return send(res, 200, { code: "success", message: "", data: { task_id: outcome.task.id, status: "SUBMITTED" } });
  }

  async function serveMedia(req: IncomingMessage, res: ServerResponse, url: URL) {
    const upstreamId = url.pathname.slice("/media/".length, -".mp4".length);
    const expires = url.searchParams.get("Expires") ?? "";
    const expected = createHmac("sha256", linkSecret).update(`${upstreamId}:${expires}`).digest("base64url");
    const signature = url.searchParams.get("Signature") ?? "";
    const valid =
      signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    if (!valid || Number(expires) * 1000 <= now()) {
      const code = valid ? "AccessDenied" : "SignatureDoesNotMatch";
      const reason = valid ? "Request has expired." : "The request signature we calculated does not match.";
      return sendText(
        res,
        403,
        "application/xml",
        `<?xml version="1.0"?><Error><Code>${code}</Code><Message>${reason}</Message></Error>`,
      );
    }
    clip ??= await readFile(/* turbopackIgnore: true */ clipPath);
    mediaRequests += 1;
    const trouble = mediaFault.mode !== "none" && mediaFault.remaining > 0 ? mediaFault.mode : "none";
    if (trouble !== "none") mediaFault.remaining -= 1;
    if (trouble === "http_500") return sendText(res, 500, "text/plain", "media host error");
    if (trouble === "cut") {
      // The whole length is promised, half is sent, and the connection drops.
      res.writeHead(200, { "Content-Type": "video/mp4", "Content-Length": clip.length });
      res.write(clip.subarray(0, Math.floor(clip.length / 2)), () => res.destroy());
      return;
    }
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "");
    res.setHeader("Accept-Ranges", "bytes");
    res.setHeader("Content-Type", "video/mp4");
    if (!range) {
      res.writeHead(200, { "Content-Length": clip.length });
      return res.end(clip);
    }
    const first = range[1] ? Number(range[1]) : 0;
    const last = range[2] ? Math.min(Number(range[2]), clip.length - 1) : clip.length - 1;
    if (first > last) {
      res.writeHead(416, { "Content-Range": `bytes */${clip.length}` });
      return res.end();
    }
    res.writeHead(206, {
      "Content-Range": `bytes ${first}-${last}/${clip.length}`,
      "Content-Length": last - first + 1,
    });
    res.end(clip.subarray(first, last + 1));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://simulator.invalid");
    const route =
      req.method === "GET" && url.pathname.startsWith(QUERY_PREFIX)
        ? Promise.resolve(answerQuery(req, res, decodeURIComponent(url.pathname.slice(QUERY_PREFIX.length))))
        : req.method === "POST" && url.pathname === CREATE_PATH
          ? answerCreate(req, res)
          : req.method === "GET" && /^\/media\/[0-9a-f-]{36}\.mp4$/.test(url.pathname)
            ? serveMedia(req, res, url)
            : Promise.resolve(send(res, 404, { code: "not_found", message: "no such endpoint", data: null }));
    route.catch(() => {
      if (!res.headersSent) send(res, 500, { error: { message: "simulator fault" } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const simulator: Simulator = {
    url: origin,
    stats: () => ({
      calls: [...calls.values()].reduce((sum, count) => sum + count, 0),
      byId: Object.fromEntries(calls),
      creates,
    }),
    resetStats: () => {
      calls.clear();
      creates = 0;
      log.length = 0;
    },
    callLog: () => log,
    setFault: (mode, count, retryAfterSeconds) => {
      fault = { mode, remaining: count ?? Infinity, retryAfter: retryAfterSeconds ?? 2 };
    },
    setMediaFault: (mode, count) => {
      mediaFault = { mode, remaining: count ?? Infinity };
    },
    mediaRequests: () => mediaRequests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return simulator;
}

function send(res: ServerResponse, status: number, body: unknown) {
  sendText(res, status, "application/json; charset=utf-8", JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}
