import { successEnvelopeSchema, type TaskData } from "@/lib/happyhorse/schema";
import documented from "@/lib/simulator/documented-success.json" with { type: "json" };

/** The published example answer, parsed as the server client parses it. */
export function documentedTask(): TaskData {
  return successEnvelopeSchema.parse(structuredClone(documented)).data;
}

/** The documented task with some fields replaced, for the other statuses and traps. */
export function taskWith(overrides: Partial<TaskData>): TaskData {
  return { ...documentedTask(), ...overrides };
}

export const DOCUMENTED_FINISH_MS = 1777343961 * 1000;
