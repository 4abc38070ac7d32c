import { promisify } from "node:util";
import zlib from "node:zlib";

import { processFlag } from "@/lib/server/process-flag";

/**
 * Brotli as Paddock's server sends pages and API answers: what server.ts's compression uses, and
 * what a shared board answer is compressed with once for all its viewers (lib/server/http/respond.ts).
 */

/** Quality 5: about 5 ms of CPU per 120 kB, 16 % smaller than gzip on a board page. */
const DYNAMIC_BROTLI_QUALITY = 5;
/** A 512 kB window: a page or an API answer fits in it, and a stream holds far less than the default 4 MB. */
const DYNAMIC_BROTLI_WINDOW = 19;

/** Whether an `Accept-Encoding` header takes Brotli (`br`, with no `q=0`). */
export function acceptsBrotli(header: string | string[] | null | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  for (const part of value.split(",")) {
    const [coding = "", ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    if (coding !== "br") continue;
    const q = params.find((param) => param.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** Brotli's parameters for pages and API answers, streamed or whole. */
export const DYNAMIC_BROTLI_PARAMS = {
  [zlib.constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY,
  [zlib.constants.BROTLI_PARAM_LGWIN]: DYNAMIC_BROTLI_WINDOW,
};

const brotliCompress = promisify(zlib.brotliCompress);

/** Brotli at the dynamic quality, in Node's thread pool (the event loop goes on meanwhile). */
export async function dynamicBrotli(source: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const compressed = await brotliCompress(source, {
    params: { ...DYNAMIC_BROTLI_PARAMS, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.byteLength },
  });
  return new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength) as Uint8Array<ArrayBuffer>;
}

/**
 * A shared answer is compressed once for all its viewers (lib/server/http/respond.ts), but Next
 * drops the Content-Encoding of a route's response. So server.ts's compression tells a route that
 * it will send a body compressed already (this request header, set only by the server: a client's
 * own is removed), and the route names its body's encoding in the response header below, which the
 * server turns back into Content-Encoding before the headers go out. Under another entry (`next
 * dev`, a bare `next start`) nothing restores it, so routes ignore the request header and answer
 * uncompressed, whatever a client sends.
 */
export const PRECOMPRESS_REQUEST_HEADER = "x-paddock-precompress";
export const PRECOMPRESSED_RESPONSE_HEADER = "x-paddock-encoding";
const precompressedRestored = processFlag("precompressed-restored");

/** Called where the server's compression is set up: from then on the request header is the server's own. */
export const markPrecompressedRestored = precompressedRestored.raise;

/** Whether this request's answer may be Brotli the route made itself (server.ts restores its encoding). */
export function precompressedBrotliWanted(request: Request): boolean {
  return (
    precompressedRestored.isRaised() &&
    request.method !== "HEAD" &&
    request.headers.get(PRECOMPRESS_REQUEST_HEADER) === "br"
  );
}
