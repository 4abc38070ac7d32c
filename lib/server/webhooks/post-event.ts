import "server-only";

import type { Endpoint } from "@/lib/server/webhooks/endpoints";
import { signatureHeader } from "@/lib/server/webhooks/signature";
import type { WebhookEvent } from "@/lib/webhooks/event";
import { slackMessage } from "@/lib/webhooks/slack-message";

/**
 * One attempt to deliver an event: a JSON endpoint gets the event signed, a Slack endpoint its
 * message. Redirects are not followed (a 3xx is a failed attempt), and the answer's body is not
 * read beyond its status.
 */

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface PostOptions {
  timeoutMs: number;
  /** Epoch ms; the signature's timestamp is its whole seconds. */
  now: () => number;
}

export async function postEvent(endpoint: Endpoint, event: WebhookEvent, options: PostOptions): Promise<AttemptResult> {
  const body = JSON.stringify(endpoint.kind === "slack" ? slackMessage(event) : event);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": "Paddock-Webhooks/1",
    "Paddock-Event-Id": event.id,
  };
  if (endpoint.kind === "json" && endpoint.secret) {
    const timestamp = Math.floor(options.now() / 1000);
    headers["Paddock-Timestamp"] = String(timestamp);
    headers["Paddock-Signature"] = signatureHeader(endpoint.secret, timestamp, body);
  }
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: elapsed() };
  } catch (error) {
    return { ok: false, status: null, error: describeFailure(error, options.timeoutMs), durationMs: elapsed() };
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  // undici hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const code = cause && "code" in cause && typeof cause.code === "string" ? cause.code : null;
  const message = code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `could not connect: ${message}`.slice(0, 300);
}
