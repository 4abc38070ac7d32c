import { z } from "zod/mini";

import { gatewayStatusSchema, storageStatusSchema, watcherStatusSchema } from "@/lib/api/task-schemas";
import { lazySchema } from "@/lib/lazy-schema";

/**
 * `GET /api/health`: one look at everything Paddock depends on, for a load balancer or a person.
 * `status` is `ok`, `degraded` (watching is held back: no watcher, a resting gateway, a rejected
 * key) or `failing` (the store cannot keep writes or does not answer); failing answers 503.
 */
export const HEALTH_STATES = ["ok", "degraded", "failing"] as const;

export const healthResponseSchema = lazySchema(() =>
  z.object({
    status: z.enum(HEALTH_STATES),
    process: z.object({ instanceId: z.string(), uptimeSeconds: z.number(), mode: z.enum(["live", "demo"]) }),
    store: z.object({
      kind: z.enum(["sqlite", "postgres"]),
      answers: z.boolean(),
      storage: storageStatusSchema,
    }),
    watcher: watcherStatusSchema,
    gateway: gatewayStatusSchema,
    serverTime: z.number(),
  }),
);
export type HealthResponse = z.infer<typeof healthResponseSchema>;
