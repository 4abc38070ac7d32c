import { createHash } from "node:crypto";

import { LINK_LIFETIME_MS } from "@/lib/tasks/video-link";

/**
 * How a simulated task evolves over time, rendered in the gateway's documented wire format.
 * Platform times are unix seconds; upstream phase strings are China Standard Time with no zone.
 */

export interface Lifecycle {
  /** NOT_START (or another waiting status), then QUEUED, then IN_PROGRESS; all in ms. */
  waitingMs: number;
  queuedMs: number;
  runningMs: number;
  /** How long after the upstream end the gateway's poller notices. */
  gatewayLagMs: number;
}

export type Outcome =
  | { kind: "success" }
  | { kind: "failure"; upstream: "FAILED" | "CANCELED" | "UNKNOWN"; code?: string; message?: string }
  /** Never finishes at the platform while upstream already succeeded: the disagreement case. */
  | { kind: "stuck" };

export interface SimTask {
  id: string;
  action: string;
  prompt: string;
  submittedAt: number;
  lifecycle: Lifecycle;
  outcome: Outcome;
  usage: { SR: number; duration: number; input_video_duration?: number; ratio?: string };
  /** The waiting status to show before QUEUED (NOT_START unless a scenario says otherwise). */
  waitingStatus?: string;
}

export type LinkSigner = (upstreamTaskId: string, expiresAtMs: number) => string;

export function stableUuid(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function requestId(seed: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/\D/g, "").slice(0, 17);
  const tail = createHash("sha256").update(`req:${seed}`).digest("base64url").replace(/[-_]/g, "x");
  return `${stamp}${tail.slice(0, 14)}`;
}

export function formatChinaTime(ms: number): string {
  const shifted = new Date(ms + 8 * 60 * 60 * 1000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 23)}`;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

export function renderTask(task: SimTask, now: number, sign: LinkSigner): Record<string, unknown> {
  const { waitingMs, queuedMs, runningMs, gatewayLagMs } = task.lifecycle;
  const t0 = task.submittedAt;
  const queuedAt = t0 + waitingMs;
  const startedAt = queuedAt + queuedMs;
  const finishedAt = startedAt + runningMs;
  const upstreamSubmit = t0 + Math.round(waitingMs * 0.8) + 625;
  const upstreamScheduled = Math.min(startedAt - 1, upstreamSubmit + Math.max(27, queuedMs - 1500));
  const upstreamEnd = finishedAt - gatewayLagMs;
  const upstreamTaskId = stableUuid(task.id);
  const stuck = task.outcome.kind === "stuck";

  const phase =
    now < queuedAt ? "waiting" : now < startedAt ? "queued" : now < finishedAt || stuck ? "running" : "done";
  const base = {
    task_id: task.id,
    action: task.action,
    submit_time: seconds(t0),
    start_time: phase === "running" || phase === "done" ? seconds(startedAt) : 0,
    // The gateway notices the end after it happened, so its whole-second finish never precedes it.
    finish_time: phase === "done" ? Math.ceil(finishedAt / 1000) : 0,
    request_id: requestId(task.id, t0),
  };
  const output: Record<string, unknown> = {
    task_id: upstreamTaskId,
    orig_prompt: task.prompt,
    submit_time: formatChinaTime(upstreamSubmit),
  };
  const upstream = { output, request_id: stableUuid(`dashscope:${task.id}`) };

  if (phase === "waiting") {
    return { ...base, status: task.waitingStatus ?? "NOT_START", progress: "", fail_reason: "" };
  }
  output.task_status = phase === "queued" ? "PENDING" : "RUNNING";
  if (phase === "queued") return { ...base, status: "QUEUED", progress: "0%", fail_reason: "", data: upstream };
  output.scheduled_time = formatChinaTime(upstreamScheduled);

  const link = () => sign(upstreamTaskId, finishedAt + LINK_LIFETIME_MS);
  const usage = {
    ...task.usage,
    input_video_duration: task.usage.input_video_duration ?? 0,
    output_video_duration: task.usage.duration,
    video_count: 1,
  };
  if (stuck && now >= upstreamEnd) {
    Object.assign(output, { task_status: "SUCCEEDED", end_time: formatChinaTime(upstreamEnd), video_url: link() });
    return { ...base, status: "IN_PROGRESS", progress: "90%", fail_reason: "", data: { ...upstream, usage } };
  }
  if (phase === "running") {
    const fraction = Math.min(1, (now - startedAt) / runningMs);
    const progress = 50 + Math.min(40, Math.floor(fraction * 5) * 10);
    return { ...base, status: "IN_PROGRESS", progress: `${progress}%`, fail_reason: "", data: upstream };
  }

  output.end_time = formatChinaTime(upstreamEnd);
  if (task.outcome.kind === "failure") {
    const { upstream: upstreamStatus, code, message } = task.outcome;
    output.task_status = upstreamStatus;
    if (code) output.code = code;
    if (message) output.message = message;
    return { ...base, status: "FAILURE", progress: "100%", fail_reason: message ?? "", data: upstream };
  }
  const url = link();
  Object.assign(output, { task_status: "SUCCEEDED", video_url: url });
  // The documented trap: on success `fail_reason` repeats the result URL.
  return {
    ...base,
    status: "SUCCESS",
    progress: "100%",
    result_url: url,
    fail_reason: url,
    data: { ...upstream, usage },
  };
}
