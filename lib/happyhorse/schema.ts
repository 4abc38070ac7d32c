import { z } from "zod";

/**
 * The gateway's answer to `GET /v1/video/generations/{task_id}`, parsed once in the server client.
 * Tolerant on purpose: unknown fields are kept, unknown status and action values pass as strings,
 * and a broken upstream (DashScope) block degrades to "absent" instead of failing the whole answer.
 */

const unixSeconds = z
  .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
  .optional()
  .catch(undefined);

const optionalText = z.string().optional().catch(undefined);
const optionalNumber = z.number().optional().catch(undefined);

export const upstreamOutputSchema = z.looseObject({
  task_id: optionalText,
  task_status: optionalText,
  video_url: optionalText,
  orig_prompt: optionalText,
  submit_time: optionalText,
  scheduled_time: optionalText,
  end_time: optionalText,
  code: optionalText,
  message: optionalText,
});

export const upstreamUsageSchema = z.looseObject({
  SR: optionalNumber,
  duration: optionalNumber,
  input_video_duration: optionalNumber,
  output_video_duration: optionalNumber,
  ratio: optionalText,
  video_count: optionalNumber,
});

export const upstreamAnswerSchema = z.looseObject({
  output: upstreamOutputSchema.optional().catch(undefined),
  request_id: optionalText,
  usage: upstreamUsageSchema.optional().catch(undefined),
});

export const taskDataSchema = z.looseObject({
  task_id: z.string().min(1),
  action: z.string().optional().catch(undefined),
  status: z.string().min(1),
  result_url: optionalText,
  fail_reason: optionalText,
  submit_time: unixSeconds,
  start_time: unixSeconds,
  finish_time: unixSeconds,
  progress: optionalText,
  request_id: optionalText,
  data: upstreamAnswerSchema.nullish().catch(undefined),
});

export const successEnvelopeSchema = z.looseObject({
  code: z.literal("success"),
  message: z.string().optional(),
  data: taskDataSchema,
});

/** The two error shapes seen on these gateways; used only to word an error well. */
export const codeErrorSchema = z.looseObject({ code: z.string(), message: z.string().nullish() });
export const wrappedErrorSchema = z.looseObject({
  error: z.looseObject({ message: z.string().nullish(), type: z.string().nullish() }),
});

export type TaskData = z.infer<typeof taskDataSchema>;
export type UpstreamOutput = z.infer<typeof upstreamOutputSchema>;
export type UpstreamUsage = z.infer<typeof upstreamUsageSchema>;
