import "server-only";

import type { WebhookEndpointView } from "@/lib/api/webhook-schemas";
import type { PaddockEnv } from "@/lib/env-schema";
import { registerSecret } from "@/lib/server/log";
import type { EndpointRow } from "@/lib/server/webhooks/webhook-store";
import { isWebhookOutcome, type WebhookKind, type WebhookOutcome } from "@/lib/webhooks/outcomes";

/**
 * A webhook endpoint as delivery sees it, from the Settings page (the store) or the environment
 * (fixed ids, read-only). Its secret and, for Slack, its URL are credentials: they are registered
 * with the log's redactor when read and never leave the server.
 */
export interface Endpoint {
  id: string;
  name: string;
  kind: WebhookKind;
  url: string;
  secret: string | null;
  /** Exact labels; empty: every task. */
  labels: string[];
  outcomes: WebhookOutcome[];
  enabled: boolean;
  source: "settings" | "environment";
  createdAt: number | null;
}

export const ENV_JSON_ID = "env-json";
export const ENV_SLACK_ID = "env-slack";

export function envEndpoints(env: PaddockEnv): Endpoint[] {
  const { webhooks } = env;
  const common = { labels: webhooks.labels, outcomes: webhooks.outcomes, enabled: true, createdAt: null };
  const endpoints: Endpoint[] = [];
  if (webhooks.jsonUrl && webhooks.jsonSecret) {
    endpoints.push({
      id: ENV_JSON_ID,
      name: "PADDOCK_WEBHOOK_URL",
      kind: "json",
      url: webhooks.jsonUrl,
      secret: webhooks.jsonSecret,
      source: "environment",
      ...common,
    });
  }
  if (webhooks.slackUrl) {
    endpoints.push({
      id: ENV_SLACK_ID,
      name: "PADDOCK_SLACK_WEBHOOK_URL",
      kind: "slack",
      url: webhooks.slackUrl,
      secret: null,
      source: "environment",
      ...common,
    });
  }
  return endpoints;
}

export function endpointFromRow(row: EndpointRow): Endpoint {
  const endpoint: Endpoint = {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    secret: row.secret,
    labels: stringArray(row.labels),
    outcomes: stringArray(row.outcomes).filter(isWebhookOutcome),
    enabled: row.enabled === 1,
    source: "settings",
    createdAt: Number(row.created_at),
  };
  registerCredentials(endpoint);
  return endpoint;
}

/** The log never shows a signing secret, nor a Slack URL (its path is the credential). */
export function registerCredentials(endpoint: Pick<Endpoint, "kind" | "url" | "secret">) {
  registerSecret(endpoint.secret);
  if (endpoint.kind === "slack") registerSecret(endpoint.url);
}

/** Whether an endpoint wants an event about a task with this label that ended this way. */
export function wants(endpoint: Endpoint, outcome: WebhookOutcome, label: string | null): boolean {
  if (!endpoint.enabled || !endpoint.outcomes.includes(outcome)) return false;
  return endpoint.labels.length === 0 || (label !== null && endpoint.labels.includes(label));
}

/**
 * The URL as the Settings page and the log show it: a Slack URL's path is its credential, so only
 * its origin; a JSON endpoint's query string may hold a token, so it is left out.
 */
export function displayUrl(endpoint: Pick<Endpoint, "kind" | "url">): string {
  const url = new URL(endpoint.url);
  if (endpoint.kind === "slack") return `${url.origin}/…`;
  return `${url.origin}${url.pathname}${url.search ? "?…" : ""}`;
}

export function endpointView(endpoint: Endpoint): WebhookEndpointView {
  return {
    id: endpoint.id,
    name: endpoint.name,
    kind: endpoint.kind,
    url: displayUrl(endpoint),
    labels: endpoint.labels,
    outcomes: endpoint.outcomes,
    enabled: endpoint.enabled,
    readOnly: endpoint.source === "environment",
    signed: endpoint.secret !== null,
    createdAt: endpoint.createdAt,
  };
}

function stringArray(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}
