import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import {
  createServer,
  type IncomingMessage,
  request as httpRequest,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCompression, createStaticBrotli, precompressStatic } from "@/lib/server/http/compression";
import { acceptsBrotli, PRECOMPRESS_REQUEST_HEADER, PRECOMPRESSED_RESPONSE_HEADER } from "@/lib/server/http/encoding";

/**
 * server.ts's compression, on a real socket: Brotli or gzip for pages and API answers (streamed
 * pages still arrive chunk by chunk), and the build's scripts and styles from their in-memory
 * Brotli copy once it is made, with everything else left to Next (here, a stand-in handler).
 */

/** A real script of some size (React's), so the two qualities differ as they do on the build's. */
const SCRIPT = readFileSync(path.join(process.cwd(), "node_modules/react/cjs/react.production.js"), "utf8");
const STYLE = `.a { color: red; }\n`.repeat(400);
const SHARED = JSON.stringify({ tasks: Array.from({ length: 200 }, (_, index) => ({ id: `task_${index}` })) });

interface Answer {
  status: number;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

let dir: string;
let server: Server;
let base: string;
let port: number;
let staticBrotli: ReturnType<typeof createStaticBrotli>;
/** Lets the streamed page end once the test has seen its first part. */
let releaseStream: () => void = () => undefined;

/** What Next would do, reduced: the static files raw, a page in two parts, a video, the rest 404. */
function standIn(request: IncomingMessage, response: ServerResponse) {
  const url = request.url ?? "";
  response.setHeader("X-Served-By", "next");
  if (url === "/page") {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.write(`<!doctype html><p>${"first part ".repeat(300)}</p>`);
    (response as ServerResponse & { flush?: () => void }).flush?.();
    new Promise<void>((resolve) => (releaseStream = resolve)).then(
      () => response.end(`<p>${"second part ".repeat(300)}</p>`),
      () => undefined,
    );
    return;
  }
  if (url === "/part") {
    response.writeHead(206, { "Content-Type": "text/csv", "Content-Range": "bytes 0-2047/4096" });
    response.end("a,b\n".repeat(512));
    return;
  }
  if (url === "/shared") {
    // As a route's shared board answer arrives through Next: compressed already when the server said
    // it would restore the encoding, with the encoding named in Paddock's own header (Next drops
    // Content-Encoding). Headers set one by one, as Next does, then the body in one write.
    const precompressed = request.headers[PRECOMPRESS_REQUEST_HEADER] === "br";
    response.statusCode = 200;
    response.appendHeader("Content-Type", "application/json");
    if (precompressed) response.appendHeader(PRECOMPRESSED_RESPONSE_HEADER, "br");
    response.end(precompressed ? zlib.brotliCompressSync(SHARED) : SHARED);
    return;
  }
  if (url === "/video") {
    response.writeHead(206, { "Content-Type": "video/mp4", "Content-Range": "bytes 0-4095/8192" });
    response.end(Buffer.alloc(4096, 7));
    return;
  }
  const file = { "/_next/static/chunks/app.js": SCRIPT, "/_next/static/css/app.css": STYLE }[url.split("?")[0] ?? ""];
  if (file) {
    response.writeHead(200, { "Content-Type": url.endsWith(".js") ? "application/javascript" : "text/css" });
    response.end(file);
    return;
  }
  response.writeHead(404, { "Content-Type": "text/plain" });
  response.end("not found ".repeat(200));
}

function get(pathname: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // The path as written (a URL would resolve its `..`).
    const call = httpRequest({ host: "127.0.0.1", port, path: pathname, method, headers }, (response) => {
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts) }),
      );
      response.on("error", reject);
    });
    call.on("error", reject);
    call.end();
  });
}

function decoded(answer: Answer): string {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(answer.body).toString();
  if (encoding === "gzip") return zlib.gunzipSync(answer.body).toString();
  return answer.body.toString();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "paddock-compression-"));
  await mkdir(path.join(dir, "chunks"));
  await mkdir(path.join(dir, "css"));
  await mkdir(path.join(dir, "media"));
  await mkdir(path.join(dir, "service-worker"));
  await writeFile(path.join(dir, "service-worker", "sw.js"), SCRIPT);
  await writeFile(path.join(dir, "chunks", "app.js"), SCRIPT);
  await writeFile(path.join(dir, "css", "app.css"), STYLE);
  await writeFile(path.join(dir, "media", "font.woff2"), Buffer.alloc(2048, 1));
  staticBrotli = createStaticBrotli({ staticDir: dir });
  const compress = createCompression();
  server = createServer((request, response) => {
    if (staticBrotli(request, response)) return;
    compress(request, response, () => standIn(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  releaseStream();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("Accept-Encoding", () => {
  it("takes Brotli only when the browser lists br without q=0", () => {
    expect(acceptsBrotli("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsBrotli("br;q=0.5, gzip")).toBe(true);
    expect(acceptsBrotli(["gzip", "BR"])).toBe(true);
    expect(acceptsBrotli("gzip, br;q=0")).toBe(false);
    expect(acceptsBrotli("gzip, deflate")).toBe(false);
    expect(acceptsBrotli("brotli")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });
});

describe("pages and API answers", () => {
  it("are Brotli for a browser that takes it, gzip for one that takes only gzip, plain otherwise", async () => {
    const notFound = "not found ".repeat(200);
    const br = await get("/missing", { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(decoded(br)).toBe(notFound);
    expect(br.body.length).toBeLessThan(200);

    const gzip = await get("/missing", { "Accept-Encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(notFound);

    const plain = await get("/missing", { "Accept-Encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(notFound);
  });

  it("still stream: the first part of a page arrives before the page ends", async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const call = httpRequest(`${base}/page`, { headers: { "Accept-Encoding": "br" } }, (response) => {
        expect(response.headers["content-encoding"]).toBe("br");
        const decoder = zlib.createBrotliDecompress();
        let seen = "";
        response.pipe(decoder);
        decoder.on("data", (part: Buffer) => {
          const before = seen;
          seen += part.toString();
          // The end is held back until the first part has come through the compression.
          if (!before.includes("</p>") && seen.includes("first part </p>")) releaseStream();
        });
        decoder.on("end", () => resolve(seen));
        decoder.on("error", reject);
      });
      call.on("error", reject);
      call.end();
    });
    expect(text).toContain("first part");
    expect(text.endsWith(`${"second part ".repeat(300)}</p>`)).toBe(true);
  });

  it("send an answer a route compressed itself once, as it is, and never on a client's word", async () => {
    // The server tells the route it may (the client takes Brotli): the route's Brotli goes out as it
    // is, under Content-Encoding, not compressed a second time; Paddock's own header stays inside.
    const shared = await get("/shared", { "Accept-Encoding": "gzip, br", [PRECOMPRESS_REQUEST_HEADER]: "gzip" });
    expect(shared.headers["content-encoding"]).toBe("br");
    expect(shared.headers[PRECOMPRESSED_RESPONSE_HEADER]).toBeUndefined();
    expect(decoded(shared)).toBe(SHARED);
    // A client that takes only gzip cannot make a route send Brotli by naming the header itself.
    const gzip = await get("/shared", { "Accept-Encoding": "gzip", [PRECOMPRESS_REQUEST_HEADER]: "br" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(SHARED);
  });

  it("leave videos as they are (ranges included)", async () => {
    const video = await get("/video", { "Accept-Encoding": "br, gzip", Range: "bytes=0-4095" });
    expect(video.status).toBe(206);
    expect(video.headers["content-encoding"]).toBeUndefined();
    expect(video.body.length).toBe(4096);
    // A part of a compressible file too: its Content-Range counts the file's own bytes.
    const part = await get("/part", { "Accept-Encoding": "br, gzip", Range: "bytes=0-2047" });
    expect(part.status).toBe(206);
    expect(part.headers["content-encoding"]).toBeUndefined();
    expect(part.body.length).toBe(2048);
  });
});

describe("the build's scripts and styles", () => {
  it("come from Next until their Brotli copy is made, then from memory at the best quality", async () => {
    const first = await get("/_next/static/chunks/app.js", { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(first.headers["x-served-by"]).toBe("next");
    expect(decoded(first)).toBe(SCRIPT);
    await staticBrotli.settled();

    const later = await get("/_next/static/chunks/app.js", { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(later.status).toBe(200);
    expect(later.headers["x-served-by"]).toBeUndefined();
    expect(later.headers["content-encoding"]).toBe("br");
    expect(later.headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(later.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(later.headers["x-content-type-options"]).toBe("nosniff");
    expect(Number(later.headers["content-length"])).toBe(later.body.length);
    expect(decoded(later)).toBe(SCRIPT);
    // Smaller than what the on-the-fly quality made of the same file.
    expect(later.body.length).toBeLessThan(first.body.length);

    // The query string Next adds to some assets does not matter.
    const queried = await get("/_next/static/chunks/app.js?v=1", { "Accept-Encoding": "br" });
    expect(queried.headers["x-served-by"]).toBeUndefined();

    const head = await get("/_next/static/chunks/app.js", { "Accept-Encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it("are left to Next for a browser without Brotli, a range, or any other file", async () => {
    await get("/_next/static/css/app.css", { "Accept-Encoding": "br" });
    await staticBrotli.settled();
    const css = await get("/_next/static/css/app.css", { "Accept-Encoding": "br" });
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(decoded(css)).toBe(STYLE);

    const gzipOnly = await get("/_next/static/css/app.css", { "Accept-Encoding": "gzip" });
    expect(gzipOnly.headers["x-served-by"]).toBe("next");
    const ranged = await get("/_next/static/css/app.css", { "Accept-Encoding": "br", Range: "bytes=0-10" });
    expect(ranged.headers["x-served-by"]).toBe("next");

    // A cache revalidating its copy gets Next's answer (a 304 when it is still good).
    const conditionals: Array<Record<string, string>> = [
      { "If-None-Match": '"abc"' },
      { "If-Modified-Since": new Date().toUTCString() },
    ];
    for (const conditional of conditionals) {
      const answer = await get("/_next/static/css/app.css", { "Accept-Encoding": "br", ...conditional });
      expect(answer.headers["x-served-by"]).toBe("next");
    }

    for (const pathname of [
      "/_next/static/service-worker/sw.js",
      "/_next/static/media/font.woff2",
      "/_next/static/chunks/unknown.js",
      "/_next/static/../../etc/passwd.js",
      "/_next/static/chunks/../chunks/app.js",
      "/_next/static/chunks%2fapp.js",
    ]) {
      const answer = await get(pathname, { "Accept-Encoding": "br" });
      expect(answer.headers["x-served-by"], pathname).toBe("next");
    }
  });
});

describe("the build's Brotli copies", () => {
  it("are written beside each script and style, and served from the server's first request", async () => {
    const build = await mkdtemp(path.join(os.tmpdir(), "paddock-precompress-"));
    try {
      await mkdir(path.join(build, "chunks"));
      await writeFile(path.join(build, "chunks", "app.js"), SCRIPT);
      await writeFile(path.join(build, "chunks", "app.js.map"), "{}");
      await writeFile(path.join(build, "font.woff2"), Buffer.alloc(64));
      expect(await precompressStatic(build)).toBe(1);
      expect(zlib.brotliDecompressSync(readFileSync(path.join(build, "chunks", "app.js.br"))).toString()).toBe(SCRIPT);
      // Done once: a second run finds nothing to do.
      expect(await precompressStatic(build)).toBe(0);

      const serve = createStaticBrotli({ staticDir: build });
      const sent: { status?: number; headers?: Record<string, unknown>; body?: Buffer } = {};
      const response = {
        setHeader: () => undefined,
        writeHead: (status: number, headers: Record<string, unknown>) => Object.assign(sent, { status, headers }),
        end: (body?: Buffer) => Object.assign(sent, { body }),
      } as unknown as ServerResponse;
      const request = {
        method: "GET",
        url: "/_next/static/chunks/app.js",
        headers: { "accept-encoding": "br" },
      } as unknown as IncomingMessage;
      expect(serve(request, response)).toBe(true);
      expect(sent.status).toBe(200);
      expect(sent.headers?.["Content-Encoding"]).toBe("br");
      expect(zlib.brotliDecompressSync(sent.body ?? Buffer.alloc(0)).toString()).toBe(SCRIPT);
    } finally {
      await rm(build, { recursive: true, force: true });
    }
  });

  it("are not used once the file is newer than its copy", async () => {
    const build = await mkdtemp(path.join(os.tmpdir(), "paddock-precompress-"));
    try {
      await writeFile(path.join(build, "app.js"), SCRIPT);
      await writeFile(path.join(build, "app.js.br"), zlib.brotliCompressSync("stale"));
      const later = new Date(Date.now() + 60_000);
      await utimes(path.join(build, "app.js"), later, later);
      const serve = createStaticBrotli({ staticDir: build });
      const request = {
        method: "GET",
        url: "/_next/static/app.js",
        headers: { "accept-encoding": "br" },
      } as unknown as IncomingMessage;
      expect(serve(request, {} as ServerResponse)).toBe(false);
      await serve.settled();
      expect(await precompressStatic(build)).toBe(1);
      expect(zlib.brotliDecompressSync(readFileSync(path.join(build, "app.js.br"))).toString()).toBe(SCRIPT);
    } finally {
      await rm(build, { recursive: true, force: true });
    }
  });
});
