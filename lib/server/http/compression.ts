import { readdirSync, readFileSync, statSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

import compression from "compression";

import { SECURITY_HEADERS } from "@/lib/security/csp";
import {
  acceptsBrotli,
  DYNAMIC_BROTLI_PARAMS,
  markPrecompressedRestored,
  PRECOMPRESS_REQUEST_HEADER,
  PRECOMPRESSED_RESPONSE_HEADER,
} from "@/lib/server/http/encoding";

/**
 * How Paddock's own server (server.ts) compresses what it sends; Next's gzip is off (next.config).
 *
 * - Pages and API answers: Brotli at quality 5 when the browser takes it (every current one does),
 *   gzip otherwise. A board page is about 16 % smaller than gzip makes it (13.5 kB against 16.2 kB),
 *   for 5 ms of CPU per 120 kB; streamed pages are flushed chunk by chunk as before. A shared board
 *   answer arrives compressed already, once for all its viewers (see lib/server/http/encoding.ts).
 * - The build's scripts and styles (`/_next/static/…`, named by their content, so never changed):
 *   Brotli at its best quality, 14 % smaller than gzip, served from memory. `npm run build` makes
 *   the copies (`app.js.br` beside `app.js`, see precompressStatic) and the server loads them when
 *   it starts; a file without one gets it made in the background at its first request (one file
 *   at a time), which Next answers meanwhile, compressed on the fly as above. No request waits for
 *   the slow compression. Ranges, revalidations and service workers are left to Next.
 */

type NodeMiddleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

export function createCompression(): NodeMiddleware {
  markPrecompressedRestored();
  const middleware = compression({
    brotli: { params: DYNAMIC_BROTLI_PARAMS },
    // A part of a file (206) is sent as it is: its Content-Range counts the file's own bytes.
    filter: (request, response) =>
      response.statusCode !== 206 &&
      response.getHeader("Content-Range") === undefined &&
      compression.filter(request, response),
  });
  // Typed for Express, it reads and wraps only what Node's own request and response have.
  return (request, response, next) => {
    delete request.headers[PRECOMPRESS_REQUEST_HEADER];
    if (acceptsBrotli(request.headers["accept-encoding"])) request.headers[PRECOMPRESS_REQUEST_HEADER] = "br";
    middleware(request as never, response as never, () => {
      // Wrapped after the middleware's own hook, so it runs first: the middleware then finds the
      // answer encoded already and leaves it be.
      restorePrecompressed(response);
      next();
    });
  };
}

/** A route's answer compressed already (see PRECOMPRESSED_RESPONSE_HEADER) goes out with its Content-Encoding. */
function restorePrecompressed(response: ServerResponse) {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    const encoding = this.getHeader(PRECOMPRESSED_RESPONSE_HEADER);
    if (encoding !== undefined) {
      this.removeHeader(PRECOMPRESSED_RESPONSE_HEADER);
      this.setHeader("Content-Encoding", String(encoding));
    }
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}

/** Where `next build` puts the files it serves under `/_next/static/` (run from the project's folder). */
export const BUILD_STATIC_DIR = path.join(process.cwd(), ".next", "static");

const STATIC_PREFIX = "/_next/static/";
/** Service workers must be revalidated, never cached for a year: left to Next. */
const NOT_IMMUTABLE = "service-worker/";
const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

const brotli = promisify(zlib.brotliCompress);

/** Brotli at its best quality: slow (about 100 ms for 200 kB), done once per file. */
function bestBrotli(source: Buffer) {
  return brotli(source, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
    },
  });
}

/** The build's scripts and styles, relative to its static folder. */
function staticFiles(root: string): string[] {
  return listFiles(root).filter((file) => path.extname(file) in CONTENT_TYPES);
}

/**
 * Writes the Brotli copy of every script and style of a build (`.next/static`) that lacks one, for
 * the server to load when it starts. Run after `next build`; returns how many it wrote.
 */
export async function precompressStatic(staticDir: string): Promise<number> {
  const root = path.resolve(staticDir);
  const missing = staticFiles(root).filter((file) => !hasFreshCopy(root, file));
  // Two at a time: the compression runs on Node's thread pool, one file per thread.
  const queue = [...missing];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const source = await readFile(path.join(root, file));
      // Written whole or not at all: a server starting meanwhile never loads half a copy.
      const target = path.join(root, `${file}.br`);
      await writeFile(`${target}.tmp`, await bestBrotli(source));
      await rename(`${target}.tmp`, target);
    }
  };
  await Promise.all([worker(), worker()]);
  return missing.length;
}

interface StaticBrotliOptions {
  /** The build's `static` folder (`.next/static`). */
  staticDir: string;
  /** Files above this size are left to Next (default 8 MB). */
  maxFileBytes?: number;
  /** All copies together stay under this (default 64 MB); past it, new files are left to Next. */
  maxTotalBytes?: number;
  /** Told when a file's copy could not be made (unreadable, too large): Next answers for it. */
  onError?: (file: string, error: unknown) => void;
}

/**
 * Serves the build's scripts and styles as Brotli at its best quality from memory. Returns a
 * function that answers a request and returns true, or returns false when Next should answer it
 * (not such a file, Brotli not accepted, a range asked for, or the file's copy not ready yet).
 */
export function createStaticBrotli({
  staticDir,
  maxFileBytes = 8 * 1024 * 1024,
  maxTotalBytes = 64 * 1024 * 1024,
  onError,
}: StaticBrotliOptions) {
  const root = path.resolve(staticDir);
  // The build's scripts and styles, listed once: any other path is Next's to answer, and no path
  // from a request ever reaches the file system.
  const files = new Set(staticFiles(root).filter((file) => !file.startsWith(NOT_IMMUTABLE)));
  const ready = new Map<string, Buffer>();
  const pending = new Set<string>();
  /** Files whose copy could not be made (unreadable, too large): not tried again. */
  const refused = new Set<string>();
  /** Copies to make, one at a time: they share Node's thread pool with file reads and other compression. */
  const queue: string[] = [];
  let working = false;
  let totalBytes = 0;
  // The copies the build made (a few hundred kB for Paddock's), in memory from the start.
  for (const file of files) {
    if (!hasFreshCopy(root, file)) continue;
    try {
      const copy = readFileSync(path.join(root, `${file}.br`));
      if (totalBytes + copy.length > maxTotalBytes) break;
      totalBytes += copy.length;
      ready.set(file, copy);
    } catch {
      // None for this file: made at its first request.
    }
  }

  function prepare(relative: string) {
    pending.add(relative);
    queue.push(relative);
    if (!working) void work();
  }

  async function work() {
    working = true;
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await make(next);
    working = false;
  }

  async function make(relative: string) {
    try {
      const source = await readFile(path.join(root, relative));
      if (source.length > maxFileBytes) throw new Error(`larger than ${maxFileBytes} bytes`);
      const body = await bestBrotli(source);
      if (totalBytes + body.length > maxTotalBytes) throw new Error("the in-memory copies are full");
      totalBytes += body.length;
      ready.set(relative, body);
    } catch (error) {
      refused.add(relative);
      onError?.(relative, error);
    } finally {
      pending.delete(relative);
    }
  }

  function serve(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== "GET" && request.method !== "HEAD") return false;
    const url = request.url ?? "";
    if (!url.startsWith(STATIC_PREFIX)) return false;
    const relative = url.slice(STATIC_PREFIX.length).split("?", 1)[0] ?? "";
    if (!files.has(relative)) return false;
    // A range, or a cache asking whether its copy is still good: Next answers those (206, 304).
    const { range, "if-none-match": ifNoneMatch, "if-modified-since": ifModifiedSince } = request.headers;
    if (range !== undefined || ifNoneMatch !== undefined || ifModifiedSince !== undefined) return false;
    if (!acceptsBrotli(request.headers["accept-encoding"])) return false;
    const body = ready.get(relative);
    if (!body) {
      if (!pending.has(relative) && !refused.has(relative)) prepare(relative);
      return false;
    }
    for (const { key, value } of SECURITY_HEADERS) response.setHeader(key, value);
    response.writeHead(200, {
      "Content-Type": CONTENT_TYPES[path.extname(relative)],
      "Content-Encoding": "br",
      "Content-Length": body.length,
      "Cache-Control": "public, max-age=31536000, immutable",
      Vary: "Accept-Encoding",
    });
    response.end(request.method === "HEAD" ? undefined : body);
    return true;
  }

  return Object.assign(serve, {
    /** Resolves once no copy is being made (for tests). */
    async settled() {
      while (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  });
}

/** Whether `file` has a Brotli copy beside it, made after it. */
function hasFreshCopy(root: string, file: string): boolean {
  try {
    return statSync(path.join(root, `${file}.br`)).mtimeMs >= statSync(path.join(root, file)).mtimeMs;
  } catch {
    return false;
  }
}

/** Every file under `root`, as URL paths relative to it; none when it does not exist. */
function listFiles(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
  } catch {
    return [];
  }
}
