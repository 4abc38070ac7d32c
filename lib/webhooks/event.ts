import { z } from "zod/mini";

import { WEBHOOK_OUTCOMES } from "@/lib/webhooks/outcomes";

/**
 * The generic JSON event Paddock posts when a task ends, and the single source of its shape.
 * `id` is derived from the change log's sequence number (`evt_<seq>`): the same transition always
 * has the same id, so a receiver drops what it has seen (delivery is at least once).
 */
export const webhookEventSchema = z.object({
  id: z.string(),
  type: z.enum(["task.succeeded", "task.failed", "task.gave_up"]),
  /** When the change was stored, ISO 8601. */
  createdAt: z.string(),
  /** True for the Settings page's "send a test event". */
  test: z.boolean(),
  task: z.object({
    id: z.string(),
    label: z.nullable(z.string()),
    /** The generation's kind: its API value and its name. */
    kind: z.nullable(z.string()),
    kindLabel: z.string(),
    outcome: z.enum(WEBHOOK_OUTCOMES),
    status: z.nullable(z.string()),
    submittedAt: z.nullable(z.string()),
    finishedAt: z.nullable(z.string()),
    /** Submission to the end, in milliseconds, when both are known. */
    durationMs: z.nullable(z.number()),
    failure: z.nullable(
      z.object({ reason: z.nullable(z.string()), code: z.nullable(z.string()), category: z.nullable(z.string()) }),
    ),
    /** For gave_up: gave_up (the watching limit) or not_found (the gateway does not know the task). */
    stopReason: z.nullable(z.enum(["gave_up", "not_found"])),
    /** The task in Paddock's inspector; null without PADDOCK_PUBLIC_URL. */
    url: z.nullable(z.string()),
  }),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** The event id of a change: stable across restarts and instances. */
export function eventIdOf(seq: number): string {
  return `evt_${seq}`;
}
