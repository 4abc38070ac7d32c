import { z } from "zod/mini";

import { lazySchema } from "@/lib/lazy-schema";
import { FAILURE_CATEGORY_KEYS } from "@/lib/tasks/failure-category";

/** The answer of `GET /api/usage`. Seconds are generated video seconds; billed counts succeeded tasks only. */

const nullableNumber = lazySchema(() => z.nullable(z.number()));

export const usageBucketSchema = lazySchema(() =>
  z.object({
    key: z.nullable(z.string()),
    tasks: z.number(),
    succeeded: z.number(),
    failed: z.number(),
    billedSeconds: z.number(),
    deliveredSeconds: z.number(),
  }),
);
export type UsageBucket = z.infer<typeof usageBucketSchema>;

export const usageDaySchema = lazySchema(() =>
  z.object({
    day: z.string(),
    tasks: z.number(),
    succeeded: z.number(),
    failed: z.number(),
    failureRate: nullableNumber,
    billed720: z.number(),
    billed1080: z.number(),
    billedOther: z.number(),
    avgQueueWaitMs: nullableNumber,
    avgGenerationMs: nullableNumber,
  }),
);
export type UsageDay = z.infer<typeof usageDaySchema>;

export const spreadSchema = lazySchema(() =>
  z.object({ count: z.number(), medianMs: nullableNumber, p95Ms: nullableNumber }),
);
export type Spread = z.infer<typeof spreadSchema>;

export const usageResponseSchema = lazySchema(() =>
  z.object({
    period: z.object({ from: z.number(), to: z.number(), tzOffsetMinutes: z.number() }),
    totals: z.object({
      tasks: z.number(),
      succeeded: z.number(),
      failed: z.number(),
      active: z.number(),
      /** failed ÷ (succeeded + failed); null when nothing finished. */
      failureRate: nullableNumber,
      billedSeconds: z.number(),
      billedByTier: z.object({ "720": z.number(), "1080": z.number(), other: z.number() }),
      deliveredSeconds: z.number(),
      inputSeconds: z.number(),
      /** Failed tasks report no tier: under a tier filter they are counted with every tier. */
      failedWithoutTier: z.number(),
    }),
    cost: z.nullable(
      z.object({
        currency: z.string(),
        pricePerSecond: z.object({ "720": nullableNumber, "1080": nullableNumber }),
        total: z.number(),
        byTier: z.object({ "720": z.number(), "1080": z.number() }),
      }),
    ),
    byDay: z.array(usageDaySchema),
    byLabel: z.array(usageBucketSchema),
    byAction: z.array(usageBucketSchema),
    byTier: z.array(usageBucketSchema),
    byRatio: z.array(usageBucketSchema),
    waiting: z.object({ queueWait: spreadSchema, generation: spreadSchema }),
    failures: z.array(z.object({ category: z.enum(FAILURE_CATEGORY_KEYS), count: z.number() })),
    labels: z.array(z.string()),
    actions: z.array(z.string()),
    /** Paddock's saved videos, whatever the filters (null when the archive is off). */
    archive: z.optional(
      z.nullable(
        z.object({ files: z.number(), bytes: z.number(), maxBytes: nullableNumber, keepDays: nullableNumber }),
      ),
    ),
  }),
);
export type UsageResponse = z.infer<typeof usageResponseSchema>;
