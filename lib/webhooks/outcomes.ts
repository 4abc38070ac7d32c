/**
 * What a webhook event reports: how a task ended. "gave_up" covers both ways Paddock stops
 * watching a task that never ended (the watching limit, or the gateway not knowing the task);
 * the event's `stopReason` says which. Pure: shared by the server, the Settings page and the env.
 */

export const WEBHOOK_OUTCOMES = ["succeeded", "failed", "gave_up"] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

export const OUTCOMES = {
  succeeded: { label: "Succeeded", emoji: ":white_check_mark:" },
  failed: { label: "Failed", emoji: ":x:" },
  gave_up: { label: "Gave up watching", emoji: ":hourglass:" },
} as const satisfies Record<WebhookOutcome, { label: string; emoji: string }>;

export function isWebhookOutcome(value: string): value is WebhookOutcome {
  return (WEBHOOK_OUTCOMES as readonly string[]).includes(value);
}

export const WEBHOOK_KINDS = ["json", "slack"] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];
