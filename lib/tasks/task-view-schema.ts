import { z } from "zod/mini";

import { lazySchema } from "@/lib/lazy-schema";
import { FAILURE_CATEGORY_KEYS } from "@/lib/tasks/failure-category";
import { STATUS_GROUPS, statusViewSchema } from "@/lib/tasks/status";
import { videoLinkSchema } from "@/lib/tasks/video-link";

/**
 * One task as every screen of Paddock sees it, derived from the gateway's raw answer. The schema
 * is the single source of the shape: the server builds it, the browser checks it with zod/mini.
 */

const instant = lazySchema(() => z.nullable(z.number()));
const text = lazySchema(() => z.nullable(z.string()));

export const taskViewSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    action: z.object({ value: z.string(), label: z.string(), known: z.boolean() }),
    status: statusViewSchema,
    group: z.enum(STATUS_GROUPS),
    upstreamStatus: z.nullable(statusViewSchema),
    /** 0-100, or null when the gateway gives no readable percentage. */
    progress: z.nullable(z.number()),
    prompt: text,
    platformTimes: z.object({ submittedAt: instant, startedAt: instant, finishedAt: instant }),
    upstreamTimes: z.nullable(z.object({ submittedAt: instant, scheduledAt: instant, endedAt: instant })),
    durations: z.object({ queueWaitMs: instant, generationMs: instant, gatewayLagMs: instant, totalMs: instant }),
    video: z.nullable(videoLinkSchema),
    failure: z.nullable(
      z.object({
        /** The reason a person should read: DashScope's own when the gateway's is generic. */
        message: text,
        code: text,
        category: z.enum(FAILURE_CATEGORY_KEYS),
        /** The gateway's own words, when they differ from `message`. */
        gatewayReason: text,
      }),
    ),
    usage: z.nullable(
      z.object({
        resolutionTier: instant,
        billedSeconds: instant,
        inputSeconds: instant,
        outputSeconds: instant,
        ratio: text,
        videoCount: instant,
      }),
    ),
    ids: z.object({ requestId: text, upstreamTaskId: text, upstreamRequestId: text }),
    /** Time fields the gateway sent that are not a time (outside 2000-2100), with the raw value. */
    invalidTimes: z.array(z.object({ field: z.string(), raw: z.string() })),
  }),
);

export type TaskView = z.infer<typeof taskViewSchema>;
