import "server-only";

import { z } from "zod";

import { MAX_IDS_PER_REQUEST } from "@/lib/api/limits";
import { checkLabel } from "@/lib/tasks/label";

/** Bodies of the task routes, parsed once in the route handlers. */

/** A label as the API accepts it: trimmed text, "" or null to clear. */
const labelSchema = z.unknown().transform((value, ctx) => {
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

export const editTaskBodySchema = z.object({ label: labelSchema });
