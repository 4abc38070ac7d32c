import "server-only";

import type { NextResponse } from "next/server";
import { z } from "zod";
import type { $ZodType } from "zod/v4/core";

import type { ApiErrorBody } from "@/lib/api/errors";
import { checkTaskId } from "@/lib/happyhorse/task-id";
import { readCappedText } from "@/lib/read-capped";
import { jsonError } from "@/lib/server/http/respond";

/**
 * The trust boundary of every route: the id, the query and the body are parsed once here, and
 * anything else answers a 4xx with `z.flattenError` details.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: NextResponse<ApiErrorBody> };

/** The query string against a schema; 400 `invalid_query` with the reasons. */
export function parseQuery<S extends $ZodType>(request: Request, schema: S, message: string): Parsed<z.output<S>> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = z.safeParse(schema, params);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, response: jsonError("invalid_query", message, z.flattenError(parsed.error)) };
}

/** A JSON body of at most `maxBytes` against a schema: 413, 415, or 400 `invalid_json`/`invalid_body`. */
export async function parseBody<S extends $ZodType>(
  request: Request,
  schema: S,
  options: { maxBytes: number; message: string },
): Promise<Parsed<z.output<S>>> {
  const body = await readJsonBody(request, options.maxBytes);
  if (!body.ok) return body;
  const parsed = z.safeParse(schema, body.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, response: jsonError("invalid_body", options.message, z.flattenError(parsed.error)) };
}

/** A task id from the path, checked before anything else happens with it. */
export async function parseTaskId(params: Promise<{ id: string }>): Promise<Parsed<string>> {
  const check = checkTaskId((await params).id);
  return check.ok ? { ok: true, value: check.id } : { ok: false, response: jsonError("invalid_id", check.reason) };
}

async function readJsonBody(request: Request, maxBytes: number): Promise<Parsed<unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    return { ok: false, response: jsonError("unsupported_media_type", "Send the body as application/json.") };
  }
  const text = await readCappedText(request.body, maxBytes);
  if (text === null) return { ok: false, response: tooLarge(maxBytes) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: jsonError("invalid_json", "The body is not valid JSON.") };
  }
}

function tooLarge(maxBytes: number) {
  return jsonError("body_too_large", `The body is larger than ${maxBytes} bytes.`);
}
