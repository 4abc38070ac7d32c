import "server-only";

import { z } from "zod";

import { checkLabel } from "@/lib/tasks/label";
import { WEBHOOK_KINDS, WEBHOOK_OUTCOMES } from "@/lib/webhooks/outcomes";
import { checkWebhookUrl } from "@/lib/webhooks/webhook-url";

/** Bodies of the webhook routes, parsed once in the route handlers. */

export const MAX_WEBHOOK_LABELS = 50;

const nameSchema = z
  .string({ error: "name is text." })
  .trim()
  .min(1, "Give the endpoint a name, e.g. “#renders channel”.")
  .max(100, "Keep the name under 100 characters.")
  .regex(/^[^\p{Cc}]*$/u, "A name has no control characters.");

const labelsSchema = z
  .array(
    z.string({ error: "Each label is text." }).transform((value, ctx) => {
      const check = checkLabel(value);
      if (!check.ok || check.label === null) {
        ctx.addIssue({ code: "custom", message: check.ok ? "A label cannot be empty." : check.reason });
        return z.NEVER;
      }
      return check.label;
    }),
    { error: "labels is a list of labels ([] for every task)." },
  )
  .max(MAX_WEBHOOK_LABELS, `At most ${MAX_WEBHOOK_LABELS} labels.`)
  .transform((labels) => [...new Set(labels)]);

const outcomesSchema = z
  .array(z.enum(WEBHOOK_OUTCOMES, { error: `Each outcome is one of ${WEBHOOK_OUTCOMES.join(", ")}.` }), {
    error: "outcomes is a list of succeeded, failed and gave_up.",
  })
  .min(1, "Pick at least one outcome.")
  .transform((outcomes) => WEBHOOK_OUTCOMES.filter((outcome) => outcomes.includes(outcome)));

export const createWebhookSchema = z
  .object({
    name: nameSchema,
    kind: z.enum(WEBHOOK_KINDS, { error: "kind is json (signed events) or slack (an incoming webhook)." }),
    url: z.string({ error: "url is text." }).max(2000, "Keep the URL under 2,000 characters."),
    labels: labelsSchema.default([]),
    outcomes: outcomesSchema.default([...WEBHOOK_OUTCOMES]),
  })
  .transform((body, ctx) => {
    const check = checkWebhookUrl(body.url, body.kind);
    if (!check.ok) {
      ctx.addIssue({ code: "custom", path: ["url"], message: check.reason });
      return z.NEVER;
    }
    return { ...body, url: check.url };
  });
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const editWebhookSchema = z
  .object({
    name: nameSchema.optional(),
    enabled: z.boolean({ error: "enabled is true or false." }).optional(),
    labels: labelsSchema.optional(),
    outcomes: outcomesSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: "Send at least one of name, enabled, labels or outcomes.",
  });
export type EditWebhookInput = z.output<typeof editWebhookSchema>;

/** Ids in the path: ours, or the environment's two. */
export const WEBHOOK_ID = /^(?:whk_[A-Za-z0-9_-]{12}|env-json|env-slack)$/;
