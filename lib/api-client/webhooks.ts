import { queryOptions } from "@tanstack/react-query";
import { z } from "zod/mini";

import {
  createdWebhookSchema,
  webhookDeliveryListSchema,
  webhookEndpointViewSchema,
  webhookListSchema,
  webhookTestResultSchema,
} from "@/lib/api/webhook-schemas";
import { apiFetch, apiSend, jsonBody } from "@/lib/api-client/fetch";
import type { WebhookKind, WebhookOutcome } from "@/lib/webhooks/outcomes";

/** Keys, query options and requests for webhook endpoints and their delivery log. */

export const webhookKeys = {
  all: ["webhooks"] as const,
  endpoints: () => [...webhookKeys.all, "endpoints"] as const,
  deliveries: () => [...webhookKeys.all, "deliveries"] as const,
};

/** How often the open delivery log looks for new attempts. */
export const DELIVERY_LOG_POLL_MS = 5_000;
export const DELIVERY_LOG_SIZE = 50;

export function webhookEndpointsQuery() {
  return queryOptions({
    queryKey: webhookKeys.endpoints(),
    queryFn: ({ signal }) => apiFetch("/api/webhooks", webhookListSchema, { signal }),
  });
}

export function webhookDeliveriesQuery() {
  return queryOptions({
    queryKey: webhookKeys.deliveries(),
    queryFn: ({ signal }) =>
      apiFetch(`/api/webhooks/deliveries?limit=${DELIVERY_LOG_SIZE}`, webhookDeliveryListSchema, { signal }),
    // While the server errs, ask less often instead of hammering it.
    refetchInterval: (query) => (query.state.status === "error" ? DELIVERY_LOG_POLL_MS * 6 : DELIVERY_LOG_POLL_MS),
  });
}

export interface NewWebhook {
  name: string;
  kind: WebhookKind;
  url: string;
  labels: string[];
  outcomes: WebhookOutcome[];
}

export function createWebhookRequest(body: NewWebhook) {
  return apiFetch("/api/webhooks", createdWebhookSchema, jsonBody("POST", body));
}

export function editWebhookRequest(id: string, body: { enabled?: boolean }) {
  return apiFetch(
    `/api/webhooks/${encodeURIComponent(id)}`,
    z.object({ endpoint: webhookEndpointViewSchema }),
    jsonBody("PATCH", body),
  );
}

export function removeWebhookRequest(id: string) {
  return apiSend(`/api/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function testWebhookRequest(id: string) {
  return apiFetch(`/api/webhooks/${encodeURIComponent(id)}/test`, webhookTestResultSchema, { method: "POST" });
}
