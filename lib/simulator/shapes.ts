/**
 * The other gateways of the family, for the simulator: the same task rendered as new-api answers
 * it (its task DTO, old versions with the link in `fail_reason`, the OpenAI-style video object,
 * the flat and live-fetch objects). Each follows a fixture in test/fixtures/gateway-answers.
 */

export const ANSWER_SHAPES = ["seed", "newapi", "newapi-old", "openai", "flat", "live"] as const;
export type AnswerShape = (typeof ANSWER_SHAPES)[number];

type Seed = Record<string, unknown> & { data?: { output?: Record<string, unknown> } & Record<string, unknown> };

/** Which shape answers for an id: `task_` ids are new-api's, UUIDs an old new-api's; a word in the id picks another. */
export function shapeForId(id: string): AnswerShape {
  const lower = id.toLowerCase();
  for (const shape of ["openai", "flat", "live"] as const) if (lower.includes(shape)) return shape;
  if (id.startsWith("task_")) return "newapi";
  if (/^[0-9a-f]{8}-/.test(lower)) return "newapi-old";
  return "seed";
}

/** The whole answer body for a task rendered in the seed gateway's shape. */
export function answerInShape(shape: AnswerShape, seed: Seed): unknown {
  const envelope = (data: unknown) => ({ code: "success", message: "", data });
  switch (shape) {
    case "seed":
      return envelope(seed);
    case "newapi":
      return envelope(newApiDto(seed));
    case "newapi-old":
      return envelope(oldNewApiDto(seed));
    case "openai":
      return videoObject(seed);
    case "flat":
      return simpleObject(seed);
    case "live":
      return envelope(simpleObject(seed));
  }
}

const PROGRESS_BY_STATUS: Record<string, string> = { NOT_START: "0%", QUEUED: "20%", IN_PROGRESS: "30%" };

/** new-api since 2026: `result_url`, an empty `fail_reason` on success, its own row fields. */
function newApiDto(seed: Seed) {
  const status = String(seed.status);
  const failed = status === "FAILURE";
  return {
    id: 18233,
    created_at: seed.submit_time,
    updated_at: seed.finish_time || seed.start_time || seed.submit_time,
    task_id: seed.task_id,
    platform: "17",
    group: "default",
    action: seed.action,
    status,
    fail_reason: failed ? seed.fail_reason || "task failed" : "",
    // new-api repeats the reason in result_url on failure (GetResultURL falls back to it).
    ...(status === "SUCCESS" ? { result_url: seed.result_url } : failed ? { result_url: seed.fail_reason } : {}),
    submit_time: seed.submit_time,
    start_time: seed.start_time,
    finish_time: seed.finish_time,
    progress: PROGRESS_BY_STATUS[status] ?? seed.progress,
    properties: { input: "", upstream_model_name: "happyhorse-1.0-t2v", origin_model_name: "happyhorse-1.0-t2v" },
    data: seed.data ?? null,
  };
}

/** Old new-api versions: the DashScope id as the task id, and the link in `fail_reason` only. */
function oldNewApiDto(seed: Seed) {
  const { result_url: resultUrl, ...rest } = seed;
  const output = seed.data?.output ? { ...seed.data.output, task_id: seed.task_id } : undefined;
  return {
    ...rest,
    fail_reason: seed.status === "SUCCESS" ? resultUrl : seed.fail_reason,
    ...(seed.data ? { data: { ...seed.data, output } } : {}),
  };
}

const VIDEO_STATUS: Record<string, string> = {
  NOT_START: "queued",
  SUBMITTED: "queued",
  QUEUED: "queued",
  IN_PROGRESS: "in_progress",
  SUCCESS: "completed",
  FAILURE: "failed",
};

/** new-api's OpenAI-style object: `completed_at` is the row's update time even while it runs. */
function videoObject(seed: Seed) {
  const status = VIDEO_STATUS[String(seed.status)] ?? "unknown";
  const output = seed.data?.output ?? {};
  return {
    id: seed.task_id,
    object: "video",
    model: "happyhorse-1.0-t2v",
    status,
    progress: Number.parseInt(String(seed.progress || "0"), 10) || 0,
    created_at: seed.submit_time,
    completed_at: seed.finish_time || seed.start_time || seed.submit_time,
    ...(status === "failed" ? { error: { message: seed.fail_reason || "task failed", code: output.code ?? "" } } : {}),
    metadata: { url: status === "completed" ? seed.result_url : status === "failed" ? seed.fail_reason : "" },
  };
}

const SIMPLE_STATUS: Record<string, string> = {
  NOT_START: "queued",
  SUBMITTED: "queued",
  QUEUED: "queued",
  IN_PROGRESS: "processing",
  SUCCESS: "succeeded",
  FAILURE: "failed",
};

/** The flat and live-fetch objects: `url` is the link on success and the reason on failure. */
function simpleObject(seed: Seed) {
  const status = SIMPLE_STATUS[String(seed.status)] ?? "processing";
  return {
    task_id: seed.task_id,
    status,
    url: status === "succeeded" ? seed.result_url : status === "failed" ? seed.fail_reason : "",
    format: "mp4",
    metadata: null,
    error: null,
  };
}
