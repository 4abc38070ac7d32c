import { readTaskAnswer } from "@/lib/happyhorse/answer";
import type { GatewayTask } from "@/lib/happyhorse/schema";
import documented from "@/lib/simulator/documented-success.json" with { type: "json" };

/**
 * Tasks for tests, built as the gateway would send them (raw JSON) and read through the same
 * module as production, so a test never hand-builds what the parser would produce.
 */

type RawTask = Record<string, unknown> & { data?: { output?: Record<string, unknown> } & Record<string, unknown> };

/** The published example answer, as JSON. */
export function documentedAnswer(): { code: string; message: string; data: RawTask } {
  return structuredClone(documented) as { code: string; message: string; data: RawTask };
}

export function readAnswer(json: unknown): GatewayTask {
  const task = readTaskAnswer(json);
  if (!task) throw new Error(`Not a task answer: ${JSON.stringify(json).slice(0, 200)}`);
  return task;
}

/** The published example answer, read. */
export function documentedTask(): GatewayTask {
  return readAnswer(documentedAnswer());
}

/**
 * The documented answer with some platform fields replaced (`undefined` removes one) and some
 * fields of DashScope's `output` replaced, read.
 */
export function taskWith(overrides: Record<string, unknown>, output: Record<string, unknown> = {}): GatewayTask {
  const answer = documentedAnswer();
  answer.data = { ...answer.data, ...overrides };
  if (answer.data.data?.output) answer.data.data.output = { ...answer.data.data.output, ...output };
  return readAnswer(answer);
}

/** The documented task, failed upstream with a DashScope code and the platform's reason. */
export function failedTask(options: {
  reason: string;
  code: string;
  resultUrl?: string;
  videoUrl?: string;
}): GatewayTask {
  return taskWith(
    { status: "FAILURE", result_url: options.resultUrl, fail_reason: options.reason },
    { task_status: "FAILED", code: options.code, video_url: options.videoUrl },
  );
}

export const DOCUMENTED_FINISH_MS = 1777343961 * 1000;
