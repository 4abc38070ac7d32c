/**
 * Paddock's Node entry (`npm start`): Next's own request handler behind a plain HTTP server, for one
 * reason. Route handlers cannot see the socket, and `next start` passes on an `X-Forwarded-For`
 * that the client wrote, so a client could choose the address its rate limits and sign-in delays
 * are keyed on. Here the socket is known: each request gets `x-paddock-client`, the address from the
 * socket (or, through the proxies the operator declared in PADDOCK_TRUSTED_PROXIES, from
 * `X-Forwarded-For`), overwriting whatever the client sent. It also compresses the answers itself
 * (Brotli where the browser takes it, see lib/server/http/compression.ts); Next's gzip is off.
 */
import { createServer } from "node:http";

import next from "next";

import { BUILD_STATIC_DIR, createCompression, createStaticBrotli } from "./lib/server/http/compression";
import {
  CLIENT_ADDRESS_HEADER,
  markClientAddressesKnown,
  parseTrustedProxies,
  resolveClientAddress,
} from "./lib/server/security/client-address";

const RUNTIME = Symbol.for("paddock.runtime");
const dev = process.argv.includes("--dev");
const hostname = process.env.PADDOCK_HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);

const trusted = parseTrustedProxies(process.env.PADDOCK_TRUSTED_PROXIES);
if (!trusted.ok) {
  console.error(`Paddock: PADDOCK_TRUSTED_PROXIES is not valid: ${trusted.message}.`);
  process.exit(1);
}

markClientAddressesKnown();
const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();

async function main() {
  await app.prepare();
  // `next dev` compresses nothing either: its answers change with every edit.
  const compress = dev ? null : createCompression();
  const staticBrotli = dev
    ? null
    : createStaticBrotli({
        staticDir: BUILD_STATIC_DIR,
        onError: (file, error) => console.warn(`Paddock: serving ${file} without its Brotli copy (${String(error)}).`),
      });
  const server = createServer((request, response) => {
    request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
      request.socket.remoteAddress,
      request.headers["x-forwarded-for"],
      trusted.ok ? trusted.value : { kind: "none" },
    );
    if (staticBrotli?.(request, response)) return;
    if (compress) compress(request, response, () => void handle(request, response));
    else void handle(request, response);
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(`Paddock: could not listen on ${hostname}:${port} (${error.code ?? error.message}).`);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    console.info(`Paddock: ready on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`);
  });
  const stop = () => {
    server.close();
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
    // The watcher hands its leases back, so another instance takes its tasks over at once.
    const runtime = (globalThis as { [RUNTIME]?: Promise<{ close(): Promise<void> }> })[RUNTIME];
    void Promise.resolve(runtime)
      .then((started) => started?.close())
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error("Paddock: could not start:", error);
  process.exit(1);
});
