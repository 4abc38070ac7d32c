import "server-only";

import { NextResponse } from "next/server";

import { API_ERRORS, type ApiErrorBody, type ApiErrorCode } from "@/lib/api/errors";

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

/**
 * A JSON answer the browser may keep and must revalidate (`private, no-cache` with an ETag): when
 * the client's If-None-Match names this ETag, 304 with no body. The ETag names what the answer
 * means, without what changes on every request (the server's clock); `bytes` is the body, built once.
 */
export function revalidated(request: Request, answer: { bytes: Uint8Array<ArrayBuffer>; etag: string }): Response {
  const { etag } = answer;
  const headers = { "Cache-Control": "private, no-cache", ETag: etag, Vary: "Cookie, Authorization" };
  const match = request.headers.get("if-none-match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(answer.bytes, { headers: { ...headers, "Content-Type": "application/json" } });
}
