import { z } from "zod/mini";

import { API_ERRORS, apiErrorBodySchema, type ApiErrorCode } from "@/lib/api/errors";

/**
 * The browser's road to Paddock's API: every answer is checked against its schema (zod/mini, so
 * the check costs a few kB), errors become `ApiError`, and a lapsed session sends the person to
 * sign in and back.
 */

/** The API's own codes plus what only the browser can see. */
export type ClientErrorCode = ApiErrorCode | "network" | "http_error" | "invalid_answer";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: ApiError;
  }
}

/** Fetches `input` and checks its JSON body against `schema`. */
export async function apiFetch<S extends z.ZodMiniType>(
  input: string,
  schema: S,
  init?: RequestInit,
): Promise<z.output<S>> {
  const { response, body } = await send(input, init);
  const parsed = z.safeParse(schema, body);
  if (!parsed.success) {
    throw new ApiError(response.status, "invalid_answer", "Paddock's server sent an answer this page cannot read.");
  }
  return parsed.data;
}

/** A request whose answer has no body to read (204). */
export async function apiSend(input: string, init?: RequestInit): Promise<void> {
  await send(input, init);
}

async function send(input: string, init?: RequestInit): Promise<{ response: Response; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers: { Accept: "application/json", ...init?.headers } });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network", "Paddock's server cannot be reached.");
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 401 && typeof window !== "undefined" && !input.startsWith("/api/session")) {
    const here = window.location.pathname + window.location.search;
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- outside React, on purpose
    window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
  }
  if (!response.ok) throw errorOf(response.status, body);
  return { response, body };
}

function errorOf(status: number, body: unknown): ApiError {
  const parsed = z.safeParse(apiErrorBodySchema, body);
  if (!parsed.success) return new ApiError(status, "http_error", `Paddock's server answered HTTP ${status}.`);
  const { code, message, details } = parsed.data.error;
  const known = Object.hasOwn(API_ERRORS, code) ? (code as ApiErrorCode) : "http_error";
  return new ApiError(status, known, message, details);
}

/** A JSON request body with its content type. */
export function jsonBody(method: "POST" | "PATCH", body: unknown): RequestInit {
  return { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
}
