import "server-only";

import { z } from "zod";

import { FAILURE_CATEGORY_KEYS } from "@/lib/tasks/failure-category";
import { BOARD_SORTS, SEARCH_MAX_LENGTH, STATUS_FILTERS, ACTION_PATTERN } from "@/lib/tasks/board-query";

/** Input shapes of Paddock's API, parsed once in the route handlers. */

export const MAX_IDS_PER_REQUEST = 500;
export const MAX_TRACK_BODY_BYTES = 64 * 1024;

export const trackBodySchema = z.object({
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
  q: z.string().trim().max(SEARCH_MAX_LENGTH, `q has at most ${SEARCH_MAX_LENGTH} characters.`).default(""),
  sort: z.enum(BOARD_SORTS).default("newest"),
});
