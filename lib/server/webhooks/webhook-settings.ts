import "server-only";

import { randomBytes } from "node:crypto";

import type { WebhookDelivery, WebhookEndpointView, WebhookTestResult } from "@/lib/api/webhook-schemas";
import { logEvent } from "@/lib/server/log";
import type { Runtime } from "@/lib/server/runtime";
import type { Principal } from "@/lib/server/security/principal";
import { type Endpoint, endpointFromRow, endpointView, envEndpoints } from "@/lib/server/webhooks/endpoints";
import { postEvent } from "@/lib/server/webhooks/post-event";
import { newWebhookSecret } from "@/lib/server/webhooks/signature";
import { recordAttempt } from "@/lib/server/webhooks/webhook-dispatcher";
import { testEvent } from "@/lib/server/webhooks/webhook-events";
import type { CreateWebhookInput, EditWebhookInput } from "@/lib/server/webhooks/webhook-inputs";
import {
  deleteEndpoint,
  getEndpointRow,
  insertEndpoint,
  listDeliveries,
  listEndpointRows,
  updateEndpoint,
} from "@/lib/server/webhooks/webhook-store";

/** What the Settings page does with webhooks: the service between the routes and the store. */

export const MAX_WEBHOOKS = 20;
const TEST_TIMEOUT_MS = 10_000;

export async function listEndpoints(runtime: Runtime): Promise<Endpoint[]> {
  return [...envEndpoints(runtime.env), ...(await listEndpointRows(runtime.db)).map(endpointFromRow)];
}

export async function findEndpoint(runtime: Runtime, id: string): Promise<Endpoint | null> {
  const fromEnv = envEndpoints(runtime.env).find((endpoint) => endpoint.id === id);
  if (fromEnv) return fromEnv;
  const row = await getEndpointRow(runtime.db, id);
  return row ? endpointFromRow(row) : null;
}

export type CreateOutcome =
  { ok: true; endpoint: WebhookEndpointView; secret: string | null } | { ok: false; reason: "too_many" };

/** A new endpoint; a JSON one gets a signing secret, returned here and never again. */
export async function createEndpoint(
  runtime: Runtime,
  input: CreateWebhookInput,
  principal: Principal | null,
  now = Date.now(),
): Promise<CreateOutcome> {
  const rows = await listEndpointRows(runtime.db);
  if (rows.length >= MAX_WEBHOOKS) return { ok: false, reason: "too_many" };
  const secret = input.kind === "json" ? newWebhookSecret() : null;
  const row = {
    id: `whk_${randomBytes(9).toString("base64url")}`,
    name: input.name,
    kind: input.kind,
    url: input.url,
    secret,
    labels: JSON.stringify(input.labels),
    outcomes: JSON.stringify(input.outcomes),
    enabled: 1,
    created_at: now,
    created_by: principal?.key ?? null,
  };
  await insertEndpoint(runtime.db, row);
  const endpoint = endpointFromRow(row);
  logEvent("info", "webhook_created", {
    id: row.id,
    kind: row.kind,
    origin: new URL(row.url).origin,
    by: row.created_by,
  });
  return { ok: true, endpoint: endpointView(endpoint), secret };
}

export async function editEndpoint(runtime: Runtime, id: string, input: EditWebhookInput) {
  const updated = await updateEndpoint(runtime.db, id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0 } : {}),
    ...(input.labels !== undefined ? { labels: JSON.stringify(input.labels) } : {}),
    ...(input.outcomes !== undefined ? { outcomes: JSON.stringify(input.outcomes) } : {}),
  });
  if (!updated) return null;
  const row = await getEndpointRow(runtime.db, id);
  return row ? endpointView(endpointFromRow(row)) : null;
}

export async function removeEndpoint(runtime: Runtime, id: string): Promise<boolean> {
  const removed = await deleteEndpoint(runtime.db, id);
  if (removed) logEvent("info", "webhook_removed", { id });
  return removed;
}

/** Posts a test event to one endpoint now (not through the outbox) and logs the attempt. */
export async function sendTestEvent(
  runtime: Runtime,
  endpoint: Endpoint,
  now = Date.now(),
): Promise<WebhookTestResult> {
  const eventId = `evt_test_${randomBytes(6).toString("hex")}`;
  const event = testEvent(eventId, now, runtime.env.access.publicUrl);
  const result = await postEvent(endpoint, event, { timeoutMs: TEST_TIMEOUT_MS, now: Date.now });
  await recordAttempt(runtime.db, {
    eventId,
    endpointId: endpoint.id,
    taskId: event.task.id,
    attempt: 1,
    result,
    outcome: "test",
    at: Date.now(),
  });
  logEvent(result.ok ? "info" : "warn", "webhook_test_sent", {
    endpoint: endpoint.id,
    origin: new URL(endpoint.url).origin,
    status: result.status,
    error: result.error,
  });
  return { eventId, ok: result.ok, status: result.status, error: result.error, durationMs: result.durationMs };
}

export async function recentDeliveries(runtime: Runtime, limit: number): Promise<WebhookDelivery[]> {
  const names = new Map((await listEndpoints(runtime)).map((endpoint) => [endpoint.id, endpoint.name]));
  const rows = await listDeliveries(runtime.db, limit);
  return rows.map((row) => ({
    id: row.id,
    at: Number(row.at),
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    endpointName: names.get(row.endpoint_id) ?? null,
    taskId: row.task_id,
    attempt: Number(row.attempt),
    status: row.status === null ? null : Number(row.status),
    error: row.error,
    durationMs: Number(row.duration_ms),
    result: isResult(row.result) ? row.result : "failed",
  }));
}

const RESULTS = ["delivered", "retrying", "failed", "test"] as const;
function isResult(value: string): value is (typeof RESULTS)[number] {
  return (RESULTS as readonly string[]).includes(value);
}
