import "server-only";

import { readTaskAnswer } from "@/lib/happyhorse/answer";
import { codeErrorSchema, type GatewayTask, wrappedErrorSchema } from "@/lib/happyhorse/schema";
import { checkTaskId } from "@/lib/happyhorse/task-id";
import type { UpstreamError, UpstreamErrorCode } from "@/lib/happyhorse/upstream-error";
import { readCappedText } from "@/lib/read-capped";

/**
 * The only module that reads the API key. It validates the id before any URL exists, pins the
 * URL to the configured origin and path, never follows redirects, and turns every answer into
 * either a parsed task or a typed error.
 */

const QUERY_PATH = "/v1/video/generations/";
const CREATE_PATH = "/v1/video/generations";
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_MESSAGE_LENGTH = 300;

export type FetchTaskResult = { ok: true; task: GatewayTask; raw: unknown } | { ok: false; error: UpstreamError };

export interface UpstreamConfig {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

export function buildTaskUrl(baseUrl: string, id: string): URL {
  const check = checkTaskId(id);
  if (!check.ok) throw new Error(`Refusing to build an upstream URL: ${check.reason}`);
  const base = new URL(baseUrl);
  const prefix = `${base.pathname.replace(/\/+$/, "")}${QUERY_PATH}`;
  const url = new URL(`${prefix}${check.id}`, base.origin);
  if (url.origin !== base.origin || url.pathname !== `${prefix}${check.id}` || url.search || url.hash) {
    throw new Error("Refusing to build an upstream URL outside the configured gateway path.");
  }
  return url;
}

export async function fetchTaskWith(
  config: UpstreamConfig,
  id: string,
  signal?: AbortSignal,
): Promise<FetchTaskResult> {
  const check = checkTaskId(id);
  if (!check.ok) return failure("invalid_id", check.reason);
  const url = buildTaskUrl(config.baseUrl, check.id);
  const timeout = AbortSignal.timeout(config.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const clean = (text: string) => sanitize(text, config.apiKey);

  let response: Response;
  let body: string;
  try {
    response = await fetch(url, {
      method: "GET",
      headers: { Authorization: `Bearer ${config.apiKey}`, Accept: "application/json" },
      redirect: "error",
      cache: "no-store",
      signal: combined,
    });
    // An oversized answer reads as empty and is reported as malformed.
    body = (await readCappedText(response.body, MAX_BODY_BYTES)) ?? "";
  } catch (error) {
    if (timeout.aborted) {
      return failure("timeout", `No answer from the gateway within ${config.timeoutMs} ms.`);
    }
    if (signal?.aborted) return failure("unavailable", "The request was canceled.");
    return failure("unavailable", `Could not reach the gateway (${networkCause(error)}).`);
  }
  return interpretAnswer(response.status, response.headers.get("retry-after"), body, clean);
}

/**
 * What an answer means: a task (whatever its shape), or a typed error. Pure, so the fixture
 * corpus runs through exactly what production runs.
 */
export function interpretAnswer(
  status: number,
  retryAfter: string | null,
  body: string,
  clean: (text: string) => string = (text) => text,
): FetchTaskResult {
  const json = tryJson(body);
  if (status >= 200 && status < 300) {
    const task = readTaskAnswer(json);
    if (task) return { ok: true, task, raw: json };
  }
  const upstreamMessage = json === undefined ? null : errorMessageOf(json);
  const described = upstreamMessage ? `: ${clean(upstreamMessage)}` : "";
  const retryAfterMs = parseRetryAfter(retryAfter);

  if (status === 401 || status === 403) return failure("unauthorized", `HTTP ${status}${described}`);
  if (status === 429) return failure("rate_limited", `HTTP 429${described}`, retryAfterMs);
  if (status === 404 || /not[_ ]?exist|not[_ ]?found/i.test(upstreamMessage ?? "")) {
    return failure("not_found", `The gateway does not know this task${described}`);
  }
  if (status >= 500) return failure("unavailable", `HTTP ${status}${described}`, retryAfterMs);
  if (json === undefined) {
    const kind = body.trim().length === 0 ? "an empty body" : "a body that is not JSON";
    return failure("malformed", `HTTP ${status} with ${kind}.`);
  }
  if (upstreamMessage !== null) {
    if (/token|unauthori[sz]ed|api[ _-]?key|令牌/i.test(upstreamMessage)) {
      return failure("unauthorized", clean(upstreamMessage));
    }
    if (/rate|throttl|too many/i.test(upstreamMessage)) {
      return failure("rate_limited", clean(upstreamMessage), retryAfterMs);
    }
    return failure("upstream_error", clean(upstreamMessage));
  }
  const withoutTask = (json as { data?: unknown } | null)?.data === null;
  return failure(
    "malformed",
    withoutTask
      ? `HTTP ${status}: the gateway said "success" without the task.`
      : `HTTP ${status} with JSON that is not a task answer.`,
  );
}

export type CreateTaskResult =
  { ok: true; taskId: string; raw: unknown } | { ok: false; error: UpstreamError; upstreamCode: string | null };

/** The create endpoint on the configured gateway: its origin and path, nothing else. */
export function buildCreateUrl(baseUrl: string): URL {
  const base = new URL(baseUrl);
  return new URL(`${base.pathname.replace(/\/+$/, "")}${CREATE_PATH}`, base.origin);
}

/**
 * Starts a generation: `POST {BASE_URL}/v1/video/generations` with the body built by
 * `createBody`. Never retried here: a creation is not idempotent at the gateway (the caller guards
 * double submits with an idempotency key). The answer's task id is taken in any id form Paddock
 * accepts, from any of the places gateways put it.
 */
export async function createTaskWith(config: UpstreamConfig, body: unknown): Promise<CreateTaskResult> {
  const clean = (text: string) => sanitize(text, config.apiKey);
  const timeout = AbortSignal.timeout(config.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(buildCreateUrl(config.baseUrl), {
      method: "POST",
      headers: {
        Authorization: `Bearer ${config.apiKey}`,
        Accept: "application/json",
        "Content-Type": "application/json",
      },
      body: JSON.stringify(body),
      redirect: "error",
      cache: "no-store",
      signal: timeout,
    });
    text = (await readCappedText(response.body, MAX_BODY_BYTES)) ?? "";
  } catch (error) {
    // Whether the gateway made the task is unknown: say so, never retry blindly.
    const what = timeout.aborted
      ? `no answer within ${config.timeoutMs} ms`
      : `could not reach it (${networkCause(error)})`;
    return {
      ok: false,
      error: {
        code: timeout.aborted ? "timeout" : "unavailable",
        message: `The gateway: ${what}. The generation may or may not have started; check the gateway before trying again.`,
      },
      upstreamCode: null,
    };
  }
  return interpretCreateAnswer(response.status, response.headers.get("retry-after"), text, clean);
}

/** What a create answer means: the new task's id, or the gateway's refusal in its own words. Pure. */
export function interpretCreateAnswer(
  status: number,
  retryAfter: string | null,
  body: string,
  clean: (text: string) => string = (text) => text,
): CreateTaskResult {
  const json = tryJson(body);
  if (status >= 200 && status < 300 && json !== undefined) {
    const id = createdTaskId(json);
    if (id) return { ok: true, taskId: id, raw: json };
  }
  const message = json === undefined ? null : errorMessageOf(json);
  const upstreamCode = json === undefined ? null : errorCodeOf(json);
  const said = message ? clean(message) : null;
  const retryAfterMs = parseRetryAfter(retryAfter);
  const refused = (code: UpstreamErrorCode, text: string, wait?: number): CreateTaskResult => {
    const { error } = failure(code, text, wait) as { ok: false; error: UpstreamError };
    return { ok: false, error, upstreamCode };
  };
  // A 403 about the account's balance is the account's problem, not the key's.
  const account = /quota|arrear|balance|余额|欠费/i.test(said ?? "");
  // Words about a token count only with a 401 or 403: "prompt exceeds max tokens" is the input's problem.
  const keyProblem = status === 401 || (status === 403 && !account);
  if (keyProblem) return refused("unauthorized", said ?? `HTTP ${status}`);
  if (status === 429) return refused("rate_limited", said ?? "HTTP 429", retryAfterMs);
  if (status >= 500) return refused("unavailable", said ? `HTTP ${status}: ${said}` : `HTTP ${status}`, retryAfterMs);
  if (said) return refused("upstream_error", said);
  if (status >= 200 && status < 300) {
    return refused("malformed", "The gateway answered without a task id Paddock accepts.");
  }
  return refused("malformed", json === undefined ? `HTTP ${status} with a body that is not JSON.` : `HTTP ${status}.`);
}

/** The new task's id: `data.task_id`, `data.id`, `task_id` or `id`, in a form Paddock accepts. */
function createdTaskId(json: unknown): string | null {
  const record = (value: unknown) =>
    value !== null && typeof value === "object" ? (value as Record<string, unknown>) : null;
  const top = record(json);
  const data = record(top?.data);
  for (const candidate of [
    data?.task_id,
    data?.id,
    top?.task_id,
    top?.id,
    typeof top?.data === "string" ? top.data : null,
  ]) {
    if (typeof candidate !== "string") continue;
    const check = checkTaskId(candidate);
    if (check.ok) return check.id;
  }
  return null;
}

/** The gateway's own error code (DashScope's, such as DataInspectionFailed), when it gives one. */
function errorCodeOf(json: unknown): string | null {
  const top = json !== null && typeof json === "object" ? (json as Record<string, unknown>) : null;
  const error = top?.error !== null && typeof top?.error === "object" ? (top.error as Record<string, unknown>) : null;
  const code = error?.code ?? top?.code;
  return typeof code === "string" && code !== "success" ? code.slice(0, 100) : null;
}

function failure(code: UpstreamErrorCode, message: string, retryAfterMs?: number): FetchTaskResult {
  const error: UpstreamError = { code, message: message.slice(0, MAX_MESSAGE_LENGTH) };
  if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs;
  return { ok: false, error };
}

function errorMessageOf(json: unknown): string | null {
  const wrapped = wrappedErrorSchema.safeParse(json);
  if (wrapped.success) return wrapped.data.error.message ?? wrapped.data.error.type ?? "error";
  const coded = codeErrorSchema.safeParse(json);
  if (!coded.success || coded.data.code === "success") return null;
  const { code, message } = coded.data;
  return message && message !== code ? `${code} (${message})` : code;
}

function tryJson(body: string): unknown {
  if (body.trim().length === 0) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function networkCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  return cause instanceof Error ? cause.message.slice(0, 80) : "network error";
}

/** Gateways sometimes echo the token in an error message; it never leaves this module. */
function sanitize(text: string, apiKey: string): string {
  return apiKey.length > 0 ? text.split(apiKey).join("[redacted]") : text;
}
