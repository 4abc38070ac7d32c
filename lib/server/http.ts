import "server-only";

import { NextResponse } from "next/server";

import { readCappedText } from "@/lib/server/read-capped";
import type { ApiErrorBody } from "@/lib/tasks/api-types";

/** JSON answers for the route handlers: errors never carry a stack, upstream headers or the key. */

const NO_STORE = { "Cache-Control": "no-store" };

export function json<T>(body: T, status = 200): NextResponse<T> {
  return NextResponse.json(body, { status, headers: NO_STORE });
}

export function jsonError(status: number, code: string, message: string, details?: unknown) {
  const error: ApiErrorBody["error"] = { code, message };
  if (details !== undefined) error.details = details;
  return NextResponse.json<ApiErrorBody>({ error }, { status, headers: NO_STORE });
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: NextResponse<ApiErrorBody> };

/** Reads a JSON body of at most `maxBytes`, answering 413 or 400 for anything else. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    return { ok: false, response: jsonError(415, "unsupported_media_type", "Send the body as application/json.") };
  }
  const text = await readCappedText(request.body, maxBytes);
  if (text === null) return { ok: false, response: tooLarge(maxBytes) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: jsonError(400, "invalid_json", "The body is not valid JSON.") };
  }
}

function tooLarge(maxBytes: number) {
  return jsonError(413, "body_too_large", `The body is larger than ${maxBytes} bytes.`);
}
