import { z } from "zod";

/**
 * A task as Paddock reads it from any gateway of the family, after `answer-shapes.ts` has put
 * every answer shape into these words: the seed gateway's status vocabulary, instants in epoch
 * milliseconds, numbers as numbers. The gateway's own answer is kept beside it, as received.
 */

const text = z.string().nullable();
const instant = z.number().nullable();
const count = z.number().nullable();

export const upstreamTaskSchema = z.object({
  /** DashScope's task id (a UUID), not the platform's. */
  taskId: text,
  /** PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED, UNKNOWN (or an unexpected word, upper case). */
  status: text,
  videoUrl: text,
  prompt: text,
  submittedAt: instant,
  scheduledAt: instant,
  endedAt: instant,
  code: text,
  message: text,
  requestId: text,
});

export const usageSchema = z.object({
  /** The resolution tier generated: 720 or 1080. */
  tier: count,
  billedSeconds: count,
  inputSeconds: count,
  outputSeconds: count,
  ratio: text,
  videoCount: count,
});

export const gatewayTaskSchema = z.object({
  taskId: z.string().min(1),
  action: text,
  model: text,
  /** The platform status in the seed gateway's words; `rawStatus` is what the gateway wrote. */
  status: z.string().min(1),
  rawStatus: z.string(),
  resultUrl: text,
  failReason: text,
  /** An error object beside the status (OpenAI-style and flat answers). */
  error: z.object({ code: text, message: text }).nullable(),
  submittedAt: instant,
  startedAt: instant,
  finishedAt: instant,
  progress: z.number().min(0).max(100).nullable(),
  requestId: text,
  upstream: upstreamTaskSchema.nullable(),
  usage: usageSchema.nullable(),
  /** Time fields the gateway sent that are not a time between 2000 and 2100, with the raw value. */
  invalidTimes: z.array(z.object({ field: z.string(), raw: z.string() })),
});

export type GatewayTask = z.infer<typeof gatewayTaskSchema>;
export type UpstreamTask = z.infer<typeof upstreamTaskSchema>;
export type TaskUsage = z.infer<typeof usageSchema>;

/** The two error shapes seen on these gateways; used only to word an error well. */
export const codeErrorSchema = z.looseObject({ code: z.string(), message: z.string().nullish() });
export const wrappedErrorSchema = z.looseObject({
  error: z.looseObject({ message: z.string().nullish(), type: z.string().nullish() }),
});
