import "server-only";

import { NextResponse } from "next/server";

import { API_ERRORS, type ApiErrorBody, type ApiErrorCode } from "@/lib/api/errors";
import { dynamicBrotli, PRECOMPRESSED_RESPONSE_HEADER, precompressedBrotliWanted } from "@/lib/server/http/encoding";

/** JSON answers for the route handlers: errors never carry a stack, upstream headers or the key. */

const NO_STORE = { "Cache-Control": "no-store" };

export function json<T>(body: T, status = 200): NextResponse<T> {
  return NextResponse.json(body, { status, headers: NO_STORE });
}

/** A JSON answer already serialized (built once, read by many). */
export function jsonText(text: string, status = 200): Response {
  return new Response(text, { status, headers: { ...NO_STORE, "Content-Type": "application/json" } });
}

/** An error answer; its HTTP status comes from the API's error table. */
export function jsonError(code: ApiErrorCode, message: string, details?: unknown): NextResponse<ApiErrorBody> {
  const error: ApiErrorBody["error"] = { code, message };
  if (details !== undefined) error.details = details;
  return NextResponse.json<ApiErrorBody>({ error }, { status: API_ERRORS[code].status, headers: NO_STORE });
}

/** 429 with the Retry-After header. */
export function tooManyRequests(code: "rate_limited" | "too_many_attempts", message: string, retryAfterMs: number) {
  const response = jsonError(code, message);
  response.headers.set("Retry-After", String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  return response;
}

/** A built answer: its body once, as UTF-8 bytes, and the ETag of what it means. */
export interface SharedAnswer {
  bytes: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** Smaller answers are sent as they are (what server.ts's compression leaves alone too). */
const COMPRESS_FROM_BYTES = 1024;
/** Each shared answer's Brotli, made at its first viewer's request and kept as long as the answer. */
const compressedAnswers = new WeakMap<SharedAnswer, Promise<Uint8Array<ArrayBuffer>>>();

/**
 * The Brotli of a shared answer, made once however many viewers read it: compressing a board page
 * costs about as much as building it (5 ms for 120 kB), and twenty viewers of one board get the
 * answer built for the first. A failed compression is not kept.
 */
export function compressedAnswer(answer: SharedAnswer): Promise<Uint8Array<ArrayBuffer>> {
  let compressed = compressedAnswers.get(answer);
  if (!compressed) {
    compressed = dynamicBrotli(answer.bytes);
    compressedAnswers.set(answer, compressed);
    compressed.catch(() => compressedAnswers.delete(answer));
  }
  return compressed;
}

/**
 * A JSON answer the browser may keep and must revalidate (`private, no-cache` with an ETag): when
 * the client's If-None-Match names this ETag, 304 with no body. The ETag names what the answer
 * means, without what changes on every request (the server's clock); `bytes` is the body, built once,
 * and, behind server.ts to a client that takes Brotli, compressed once too (lib/server/http/encoding.ts).
 */
export async function revalidated(request: Request, answer: SharedAnswer): Promise<Response> {
  const { etag } = answer;
  const headers = {
    "Cache-Control": "private, no-cache",
    ETag: etag,
    Vary: "Cookie, Authorization, Accept-Encoding",
  };
  const match = request.headers.get("if-none-match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  if (answer.bytes.byteLength >= COMPRESS_FROM_BYTES && precompressedBrotliWanted(request)) {
    // Should compressing fail, the answer goes out as it is (server.ts then compresses it itself).
    const body = await compressedAnswer(answer).catch(() => null);
    if (body) {
      return new Response(body, {
        headers: { ...headers, "Content-Type": "application/json", [PRECOMPRESSED_RESPONSE_HEADER]: "br" },
      });
    }
  }
  return new Response(answer.bytes, { headers: { ...headers, "Content-Type": "application/json" } });
}
