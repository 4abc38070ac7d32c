import { platformStatusWord, upstreamStatusWord } from "@/lib/happyhorse/statuses";
import { asObject, chinaTimeMs, epochMs, looseNumber, looseText, progressPercent } from "@/lib/happyhorse/values";

/**
 * Puts every answer shape served on `GET /v1/video/generations/{id}` into one set of words (see
 * schema.ts), before anything is validated:
 * - the envelope `{code, message, data: task}` of the seed gateway and new-api, where `data.data`
 *   is DashScope's answer, `null` when stripped, or the whole answer of a gateway behind this one;
 * - new-api's OpenAI-style video object (`object: "video"`);
 * - the flat object and the simplified live-fetch object (`status`, `url`, `format`, `error`).
 * Fixtures of each, with their sources, are in test/fixtures/gateway-answers.
 */

type Json = Record<string, unknown>;

/** The canonical fields, still to be validated by `gatewayTaskSchema`. */
export type ReshapedTask = Record<string, unknown>;

const TASK_DTO_FIELDS = ["fail_reason", "submit_time", "start_time", "finish_time", "action", "result_url"];
const MAX_CHAIN_DEPTH = 4;

export function reshapeAnswer(json: unknown): ReshapedTask | null {
  const root = asObject(json);
  if (!root) return null;
  if (isEnvelope(root)) {
    if (looseText(root.code)?.toLowerCase() !== "success") return null;
    const data = asObject(root.data);
    return data ? reshapeTask(data) : null;
  }
  return reshapeTask(root);
}

function isEnvelope(value: Json): boolean {
  return "code" in value && ("data" in value || "message" in value) && !("task_id" in value);
}

function reshapeTask(task: Json): ReshapedTask {
  if (TASK_DTO_FIELDS.some((field) => field in task)) return fromTaskDto(task);
  if (task.object === "video") return fromVideoObject(task);
  return fromSimpleObject(task);
}

/** Records time fields that hold something other than a plausible time, for the inspector. */
function timeReader() {
  const invalid: Array<{ field: string; raw: string }> = [];
  const read = (field: string, raw: unknown, parse: (value: unknown) => number | null) => {
    const ms = parse(raw);
    const present = raw !== null && raw !== undefined && raw !== "" && raw !== 0 && raw !== "0";
    if (ms === null && present) invalid.push({ field, raw: String(raw).slice(0, 60) });
    return ms;
  };
  return { invalid, read };
}

/** The seed gateway's and new-api's task: `task_id`, `status`, `fail_reason`, unix times, `data`. */
function fromTaskDto(task: Json): ReshapedTask {
  const times = timeReader();
  const rawStatus = looseText(task.status) ?? "";
  const block = findUpstreamBlock(task.data, 0);
  return {
    taskId: looseText(task.task_id),
    action: looseText(task.action),
    model: looseText(asObject(task.properties)?.origin_model_name) ?? looseText(task.model),
    status: platformStatusWord(rawStatus),
    rawStatus,
    resultUrl: looseText(task.result_url),
    failReason: looseText(task.fail_reason),
    error: null,
    submittedAt: times.read("submit_time", task.submit_time, epochMs),
    startedAt: times.read("start_time", task.start_time, epochMs),
    finishedAt: times.read("finish_time", task.finish_time, epochMs),
    progress: progressPercent(task.progress),
    requestId: looseText(task.request_id),
    upstream: block ? upstreamOf(block, times.read) : null,
    usage: usageOf(block?.usage),
    invalidTimes: times.invalid,
  };
}

/**
 * DashScope's answer inside `data`: directly (`{output, usage, request_id}`), one or more levels
 * down when a gateway sits behind another (each level an envelope around that gateway's task), or
 * a channel's own video object (`{id, object: "video", status}`).
 */
function findUpstreamBlock(value: unknown, depth: number): Json | null {
  const block = asObject(value);
  if (!block || depth > MAX_CHAIN_DEPTH) return null;
  if (asObject(block.output)) return block;
  if (isEnvelope(block)) return findUpstreamBlock(asObject(block.data)?.data, depth + 1);
  if (block.object === "video" || (typeof block.status === "string" && "id" in block)) return block;
  return null;
}

function upstreamOf(block: Json, read: ReturnType<typeof timeReader>["read"]) {
  const output = asObject(block.output);
  if (!output) {
    const status = looseText(block.status);
    return { ...EMPTY_UPSTREAM, taskId: looseText(block.id), status: status ? upstreamStatusWord(status) : null };
  }
  const status = looseText(output.task_status);
  return {
    taskId: looseText(output.task_id),
    status: status ? upstreamStatusWord(status) : null,
    videoUrl: looseText(output.video_url),
    prompt: looseText(output.orig_prompt),
    submittedAt: read("output.submit_time", output.submit_time, chinaTimeMs),
    scheduledAt: read("output.scheduled_time", output.scheduled_time, chinaTimeMs),
    endedAt: read("output.end_time", output.end_time, chinaTimeMs),
    code: looseText(output.code),
    message: looseText(output.message),
    requestId: looseText(block.request_id),
  };
}

const EMPTY_UPSTREAM = {
  taskId: null,
  status: null,
  videoUrl: null,
  prompt: null,
  submittedAt: null,
  scheduledAt: null,
  endedAt: null,
  code: null,
  message: null,
  requestId: null,
};

/** new-api's OpenAI-style video object. `completed_at` is set even while in progress: only a finish counts. */
function fromVideoObject(task: Json): ReshapedTask {
  const times = timeReader();
  const rawStatus = looseText(task.status) ?? "";
  const status = platformStatusWord(rawStatus);
  const terminal = status === "SUCCESS" || status === "FAILURE";
  const url = looseText(asObject(task.metadata)?.url) ?? looseText(task.url);
  return {
    ...simpleDefaults(task, rawStatus),
    taskId: looseText(task.id) ?? looseText(task.task_id),
    resultUrl: status === "SUCCESS" && isUrl(url) ? url : null,
    submittedAt: times.read("created_at", task.created_at, epochMs),
    finishedAt: terminal ? times.read("completed_at", task.completed_at, epochMs) : null,
    invalidTimes: times.invalid,
  };
}

/** The flat object and new-api's simplified live-fetch object: on failure `url` repeats the reason. */
function fromSimpleObject(task: Json): ReshapedTask {
  const times = timeReader();
  const rawStatus = looseText(task.status) ?? "";
  const status = platformStatusWord(rawStatus);
  const terminal = status === "SUCCESS" || status === "FAILURE";
  const url = looseText(task.url) ?? looseText(asObject(task.content)?.result_url);
  return {
    ...simpleDefaults(task, rawStatus),
    taskId: looseText(task.task_id) ?? looseText(task.id),
    resultUrl: status === "SUCCESS" && isUrl(url) ? url : null,
    failReason: status === "FAILURE" && url && !isUrl(url) ? url : null,
    submittedAt: times.read("created_at", task.created_at, epochMs),
    finishedAt: terminal ? times.read("updated_at", task.completed_at ?? task.updated_at, epochMs) : null,
    invalidTimes: times.invalid,
  };
}

function simpleDefaults(task: Json, rawStatus: string) {
  return {
    action: looseText(task.action),
    model: looseText(task.model),
    status: platformStatusWord(rawStatus),
    rawStatus,
    failReason: null,
    error: errorOf(task.error),
    startedAt: null,
    progress: progressPercent(task.progress),
    requestId: looseText(task.request_id),
    upstream: null,
    usage: usageOf(task.usage),
  };
}

/** `{message, code}` beside the status; a code of 0 with no message is a success's empty error. */
function errorOf(value: unknown): { code: string | null; message: string | null } | null {
  const error = asObject(value);
  if (!error) {
    const message = looseText(value);
    return message ? { code: null, message } : null;
  }
  const rawCode = looseText(error.code);
  const code = rawCode === "0" ? null : rawCode;
  const message = looseText(error.message);
  return code || message ? { code, message } : null;
}

function isUrl(value: string | null): value is string {
  return value !== null && /^https?:\/\//i.test(value);
}

/** Usage in either spelling: `duration` or `video_duration`, `SR`, `ratio` or `video_ratio` ("1280*720"). */
function usageOf(value: unknown) {
  const usage = asObject(value);
  if (!usage) return null;
  const pixels = dimensions(looseText(usage.video_ratio) ?? looseText(usage.resolution) ?? looseText(usage.size));
  const ratioText = looseText(usage.ratio) ?? looseText(usage.video_ratio);
  const read = {
    tier: tierOf(usage.SR) ?? (pixels ? Math.min(pixels.width, pixels.height) : null),
    billedSeconds: looseNumber(usage.duration) ?? looseNumber(usage.video_duration),
    inputSeconds: looseNumber(usage.input_video_duration),
    outputSeconds: looseNumber(usage.output_video_duration),
    ratio: ratioText && /^\d+:\d+$/.test(ratioText) ? ratioText : pixels ? reducedRatio(pixels) : null,
    videoCount: looseNumber(usage.video_count),
  };
  return Object.values(read).some((field) => field !== null) ? read : null;
}

/** 720, "720", "1080P" → the tier; anything else → null. */
function tierOf(value: unknown): number | null {
  const number = looseNumber(value) ?? looseNumber(looseText(value)?.replace(/p$/i, ""));
  return number !== null && number > 0 ? number : null;
}

function dimensions(text: string | null): { width: number; height: number } | null {
  const match = text ? /^(\d{2,5})\s*[*x×]\s*(\d{2,5})$/i.exec(text) : null;
  return match ? { width: Number(match[1]), height: Number(match[2]) } : null;
}

function reducedRatio({ width, height }: { width: number; height: number }): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const divisor = gcd(width, height);
  return `${width / divisor}:${height / divisor}`;
}
