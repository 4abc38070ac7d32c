import { z } from "zod/mini";

import { lazySchema } from "@/lib/lazy-schema";

/**
 * The change log as `GET /api/changes` answers it: every change of every task, in the order it
 * was committed, with a cursor to read on from. Shared by the route handler and its readers.
 */

export const CHANGE_KINDS = [
  "tracked",
  "changed",
  "error",
  "recovered",
  "label",
  "stopped",
  "untracked",
  "archive",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const MAX_CHANGES_PER_PAGE = 1000;

export const changesQuerySchema = lazySchema(() =>
  z.object({
    /** The last sequence number the reader has seen; 0 (or absent) reads from the start. */
    after: z._default(z.coerce.number().check(z.int(), z.nonnegative()), 0),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_CHANGES_PER_PAGE)), 200),
    /** Only these kinds, comma-separated (`changed,stopped`); every kind when absent. */
    kinds: z.optional(
      z.pipe(
        z.string().check(z.regex(new RegExp(`^(${CHANGE_KINDS.join("|")})(,(${CHANGE_KINDS.join("|")}))*$`))),
        z.transform((text) => text.split(",") as ChangeKind[]),
      ),
    ),
  }),
);
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

export const taskChangeSchema = lazySchema(() =>
  z.object({
    seq: z.number(),
    taskId: z.string(),
    at: z.number(),
    kind: z.enum(CHANGE_KINDS),
    /** The state after the change (for `changed`, and the last known one otherwise). */
    status: z.nullable(z.string()),
    upstreamStatus: z.nullable(z.string()),
    progress: z.nullable(z.number()),
    hasVideo: z.nullable(z.boolean()),
    failureCategory: z.nullable(z.string()),
    /** The error code, the new label or why watching stopped, by kind. */
    detail: z.nullable(z.string()),
  }),
);
export type TaskChange = z.infer<typeof taskChangeSchema>;

export const changesResponseSchema = lazySchema(() =>
  z.object({
    changes: z.array(taskChangeSchema),
    /** Pass as `after` to read on; equal to `after` when nothing new was committed. */
    cursor: z.number(),
    /** More changes wait beyond this page. */
    more: z.boolean(),
  }),
);
export type ChangesResponse = z.infer<typeof changesResponseSchema>;
