import { z } from "zod/mini";

import { GENERATION_KINDS } from "@/lib/generations/request";

/** The answers of `POST /api/generations`, checked by the browser as it reads them. */

export const generationAnswerSchema = z.object({
  taskId: z.string(),
  kind: z.enum(GENERATION_KINDS),
  /** The label the new task got: the name of whoever started it. */
  label: z.nullable(z.string()),
  tracked: z.boolean(),
  /** The body sent to the gateway, and its answer. */
  sent: z.record(z.string(), z.unknown()),
  raw: z.unknown(),
});
export type GenerationAnswer = z.infer<typeof generationAnswerSchema>;

/** What a refusal's `details` carry: the gateway's own code and Paddock's category for it. */
export const generationRefusalSchema = z.object({
  upstream: z.string(),
  upstreamCode: z.nullable(z.string()),
  category: z.string(),
  categoryLabel: z.string(),
  advice: z.string(),
});
export type GenerationRefusal = z.infer<typeof generationRefusalSchema>;
