import { successEnvelopeSchema, type TaskData } from "@/lib/happyhorse/schema";

/**
 * The one place that reads a gateway's answer to a task query into `TaskData`: the client uses it
 * on the wire, the task service on stored answers (so they are read by today's rules). Null when
 * the answer is not a task.
 */
export function readTaskAnswer(json: unknown): TaskData | null {
  const parsed = successEnvelopeSchema.safeParse(json);
  return parsed.success ? parsed.data.data : null;
}
