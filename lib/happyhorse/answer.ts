import { reshapeAnswer } from "@/lib/happyhorse/answer-shapes";
import { type GatewayTask, gatewayTaskSchema } from "@/lib/happyhorse/schema";

/**
 * The one place that reads a gateway's answer to a task query: every shape of the family is put
 * into Paddock's words first (answer-shapes.ts), then validated. The client reads the wire with
 * it, the task service stored answers (so they follow today's rules). Null: not a task.
 */
export function readTaskAnswer(json: unknown): GatewayTask | null {
  const reshaped = reshapeAnswer(json);
  if (!reshaped) return null;
  const parsed = gatewayTaskSchema.safeParse(reshaped);
  return parsed.success ? parsed.data : null;
}
