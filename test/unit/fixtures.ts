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

/** The documented task, failed upstream with a DashScope code and the platform's reason. */
export function failedTask(options: { reason: string; code: string; resultUrl?: string; videoUrl?: string }): TaskData {
  const task = taskWith({ status: "FAILURE", result_url: options.resultUrl, fail_reason: options.reason });
  if (task.data?.output) {
    task.data.output.task_status = "FAILED";
    task.data.output.code = options.code;
    task.data.output.video_url = options.videoUrl;
  }
  return task;
}
