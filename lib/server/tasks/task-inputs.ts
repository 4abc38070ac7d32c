import "server-only";

import { z } from "zod";

import { MAX_BULK_TASKS, MAX_IDS_PER_REQUEST } from "@/lib/api/limits";
import { BULK_ACTIONS } from "@/lib/api/task-schemas";
import { boardQuerySchema } from "@/lib/tasks/board-query";
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

/**
 * A bulk action on a selection: the ids, or every task matching the board's filters (the same
 * values as `GET /api/tasks` takes, as strings). A label is given for `label` (null clears).
 */
export const bulkBodySchema = z
  .object({
    action: z.enum(BULK_ACTIONS, { error: `action is one of ${BULK_ACTIONS.join(", ")}.` }),
    label: labelSchema.optional(),
    ids: z
      .array(z.string({ error: "Each id must be a string." }).max(200, "An id has at most 200 characters."))
      .min(1, "Give at least one id.")
      .max(MAX_BULK_TASKS, `At most ${MAX_BULK_TASKS} ids at once.`)
      .optional(),
    filter: z.record(z.string(), z.string().max(400)).optional(),
    /** With a filter: how many tasks the person saw matching it; another count is refused. */
    expected: z.number().int().min(0).max(MAX_BULK_TASKS).optional(),
  })
  .check((ctx) => {
    const { ids, filter, action, label } = ctx.value;
    if ((ids === undefined) === (filter === undefined)) {
      ctx.issues.push({ code: "custom", message: "Give either ids or filter.", input: ctx.value });
    }
    if (action === "label" && label === undefined) {
      ctx.issues.push({ code: "custom", message: "Give the label (null or empty clears it).", input: ctx.value });
    }
    if (filter !== undefined && !boardQuerySchema.safeParse(filter).success) {
      ctx.issues.push({ code: "custom", message: "The filter is not one the board takes.", input: ctx.value });
    }
  });
