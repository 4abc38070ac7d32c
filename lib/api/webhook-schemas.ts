import { z } from "zod/mini";

import { WEBHOOK_KINDS, WEBHOOK_OUTCOMES } from "@/lib/webhooks/outcomes";

/** The answers of `/api/webhooks`: shared by the route handlers and the Settings page. */

export const webhookEndpointViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(WEBHOOK_KINDS),
  /** Without credentials: a Slack URL's origin only, a JSON URL without its query string. */
  url: z.string(),
  labels: z.array(z.string()),
  outcomes: z.array(z.enum(WEBHOOK_OUTCOMES)),
  enabled: z.boolean(),
  /** Configured by the environment: shown, not editable here. */
  readOnly: z.boolean(),
  signed: z.boolean(),
  createdAt: z.nullable(z.number()),
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointViewSchema>;

export const webhookListSchema = z.object({ endpoints: z.array(webhookEndpointViewSchema) });

/** A new endpoint: a JSON endpoint's signing secret is in this answer only, never again. */
export const createdWebhookSchema = z.object({
  endpoint: webhookEndpointViewSchema,
  secret: z.nullable(z.string()),
});

export const webhookDeliverySchema = z.object({
  id: z.string(),
  at: z.number(),
  eventId: z.string(),
  endpointId: z.string(),
  /** The endpoint's name when it still exists. */
  endpointName: z.nullable(z.string()),
  taskId: z.string(),
  attempt: z.number(),
  status: z.nullable(z.number()),
  error: z.nullable(z.string()),
  durationMs: z.number(),
  result: z.enum(["delivered", "retrying", "failed", "test"]),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListSchema = z.object({ deliveries: z.array(webhookDeliverySchema) });

export const webhookTestResultSchema = z.object({
  eventId: z.string(),
  ok: z.boolean(),
  status: z.nullable(z.number()),
  error: z.nullable(z.string()),
  durationMs: z.number(),
});
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;
