import "server-only";

import { z } from "zod";

import { FAILURE_CATEGORY_KEYS } from "@/lib/tasks/failure-category";
import { checkLabel, LABEL_MAX_LENGTH } from "@/lib/tasks/label";
import { STATUS_GROUPS } from "@/lib/tasks/status";
import { MAX_RANGE_DAYS, TIERS, type Tier } from "@/lib/usage/usage-query";
import { BOARD_SORTS, SEARCH_MAX_LENGTH, STATUS_FILTERS, ACTION_PATTERN } from "@/lib/tasks/board-query";

/** Input shapes of Paddock's API, parsed once in the route handlers. */

export const MAX_IDS_PER_REQUEST = 500;
export const MAX_TRACK_BODY_BYTES = 64 * 1024;

/** A label as the API accepts it: trimmed text, "" or null to clear. */
export const labelSchema = z.unknown().transform((value, ctx) => {
  const check = checkLabel(value);
  if (!check.ok) {
    ctx.addIssue({ code: "custom", message: check.reason });
    return z.NEVER;
  }
  return check.label;
});

export const trackBodySchema = z.object({
  label: labelSchema.optional(),
  ids: z
    .array(z.string({ error: "Each id must be a string." }), { error: "ids must be an array of task id strings." })
    .min(1, "Give at least one id.")
    .max(MAX_IDS_PER_REQUEST, `At most ${MAX_IDS_PER_REQUEST} ids per request.`),
});

export const boardQuerySchema = z.object({
  status: z.enum(STATUS_FILTERS).default("all"),
  action: z
    .string()
    .regex(ACTION_PATTERN, "action is a generation kind such as generate or omniGenerate.")
    .nullable()
    .default(null),
  category: z.enum(FAILURE_CATEGORY_KEYS).nullable().default(null),
  label: z.string().trim().min(1).max(LABEL_MAX_LENGTH).nullable().default(null),
  q: z.string().trim().max(SEARCH_MAX_LENGTH, `q has at most ${SEARCH_MAX_LENGTH} characters.`).default(""),
  sort: z.enum(BOARD_SORTS).default("newest"),
});

export const patchTaskBodySchema = z.object({ label: labelSchema });

const MAX_USAGE_RANGE_MS = MAX_RANGE_DAYS * 86_400_000;

export const usageQuerySchema = z
  .object({
    from: z.coerce.number().int().nonnegative(),
    to: z.coerce.number().int().positive(),
    tz: z.coerce.number().int().min(-840).max(840).default(0),
    label: z.string().trim().min(1).max(LABEL_MAX_LENGTH).nullable().default(null),
    action: z.string().regex(ACTION_PATTERN).nullable().default(null),
    tier: z.coerce
      .number()
      .refine((tier) => TIERS.some((known) => known === tier), "tier is 720 or 1080")
      .nullable()
      .default(null),
    status: z.enum(STATUS_GROUPS).nullable().default(null),
  })
  .refine((query) => query.to > query.from, { message: "to must be after from", path: ["to"] })
  .refine((query) => query.to - query.from <= MAX_USAGE_RANGE_MS, {
    message: `A period spans at most ${MAX_RANGE_DAYS} days`,
    path: ["to"],
  })
  .transform(({ tz, tier, ...rest }) => ({ ...rest, tzOffsetMinutes: tz, tier: tier as Tier | null }));

export const usageExportSchema = z.enum(["tasks", "aggregates"]);
