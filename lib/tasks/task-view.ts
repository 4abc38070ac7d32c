import type { GatewayTask } from "@/lib/happyhorse/schema";
import { saysCanceled } from "@/lib/happyhorse/statuses";
import { classifyFailure, GATEWAY_TIMEOUT_PATTERN } from "@/lib/tasks/failure-category";
import { actionFromModel, actionLabel, platformStatus, statusGroup, upstreamStatus } from "@/lib/tasks/status";
import type { TaskView } from "@/lib/tasks/task-view-schema";
import { span } from "@/lib/tasks/time";
import { describeVideoLink, type VideoLink } from "@/lib/tasks/video-link";

/** How every screen reads a task: the gateway's answer, put in Paddock's words by lib/happyhorse. */

const UPSTREAM_FAILED = new Set(["FAILED", "CANCELED", "UNKNOWN"]);
/** What gateways write when they have no better reason: DashScope's own, one level down, is better. */
const GENERIC_REASON =
  /^(?:task failed|upstream returned (?:error|unrecognized message)|failed|error|unknown error)\.?$/i;
/** new-api's reason when DashScope sent a code and a message but no top-level message. */
const CODE_AND_MESSAGE = /^task failed, code:\s*(.*?)\s*,\s*message:\s*([\s\S]*)$/i;

const EXPLANATIONS = {
  CANCELED: "The task was canceled upstream.",
  UNKNOWN: "The upstream task is missing or expired: DashScope keeps tasks for 24 hours.",
  canceled: "The task was canceled.",
} as const;

function looksLikeUrl(text: string | null): text is string {
  return text !== null && /^https?:\/\//i.test(text);
}

function failureOf(task: GatewayTask): TaskView["failure"] {
  const upstream = task.upstream;
  const upstreamWord = upstream?.status ?? null;
  const failedUpstream = upstreamWord !== null && UPSTREAM_FAILED.has(upstreamWord);
  if (task.status !== "FAILURE" && !failedUpstream) return null;
  // On success `fail_reason` repeats the result URL for old clients: never a reason.
  const gatewayReason = looksLikeUrl(task.failReason) ? null : task.failReason;
  const split = gatewayReason ? CODE_AND_MESSAGE.exec(gatewayReason) : null;
  const specific = gatewayReason && !GENERIC_REASON.test(gatewayReason) && !split ? gatewayReason : null;
  const timedOut = gatewayReason !== null && GATEWAY_TIMEOUT_PATTERN.test(gatewayReason);
  const explanation =
    upstreamWord === "CANCELED" || upstreamWord === "UNKNOWN"
      ? EXPLANATIONS[upstreamWord]
      : saysCanceled(task.rawStatus)
        ? EXPLANATIONS.canceled
        : null;
  const message =
    (timedOut ? gatewayReason : null) ??
    upstream?.message ??
    specific ??
    split?.[2]?.trim() ??
    task.error?.message ??
    explanation ??
    gatewayReason;
  const code = upstream?.code ?? (split?.[1]?.trim() || null) ?? task.error?.code ?? null;
  const category = classifyFailure({
    code,
    message,
    upstreamStatus: upstreamWord ?? (saysCanceled(task.rawStatus) ? "CANCELED" : null),
    gatewayReason,
  });
  return { message, code, category, gatewayReason: gatewayReason !== message ? gatewayReason : null };
}

function videoOf(task: GatewayTask, now: number): VideoLink | null {
  const upstream = task.upstream;
  let url: string | null = null;
  if (task.status === "SUCCESS") {
    // Old gateways put the link in `fail_reason` only.
    url = [task.resultUrl, upstream?.videoUrl ?? null, task.failReason].find(looksLikeUrl) ?? null;
  } else if (upstream?.status === "SUCCEEDED") {
    url = looksLikeUrl(upstream.videoUrl) ? upstream.videoUrl : null;
  }
  return url ? describeVideoLink(url, task.finishedAt ?? upstream?.endedAt ?? null, now) : null;
}

function toWholeSecond(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 1000) * 1000;
}

export function toTaskView(task: GatewayTask, now: number): TaskView {
  const status = platformStatus(task.status);
  const upstream = task.upstream;
  const usage = task.usage;
  const platformTimes = { submittedAt: task.submittedAt, startedAt: task.startedAt, finishedAt: task.finishedAt };
  const upstreamTimes = upstream
    ? { submittedAt: upstream.submittedAt, scheduledAt: upstream.scheduledAt, endedAt: upstream.endedAt }
    : null;

  // Upstream clocks measure the work itself; the platform's only say when its poller noticed.
  const queueWaitMs =
    span(upstreamTimes?.submittedAt ?? null, upstreamTimes?.scheduledAt ?? null) ??
    span(platformTimes.submittedAt, platformTimes.startedAt);
  const generationMs =
    span(upstreamTimes?.scheduledAt ?? null, upstreamTimes?.endedAt ?? null) ??
    span(platformTimes.startedAt, platformTimes.finishedAt);

  return {
    id: task.taskId,
    action: actionLabel(task.action ?? actionFromModel(task.model)),
    status,
    group: statusGroup(status),
    upstreamStatus: upstream?.status ? upstreamStatus(upstream.status) : null,
    progress: task.progress ?? (task.status === "SUCCESS" ? 100 : null),
    prompt: upstream?.prompt ?? null,
    platformTimes,
    upstreamTimes,
    durations: {
      queueWaitMs,
      generationMs,
      // The platform clock ticks in whole seconds, so the lag is only known to the second.
      gatewayLagMs: toWholeSecond(span(upstreamTimes?.endedAt ?? null, platformTimes.finishedAt)),
      totalMs: span(platformTimes.submittedAt, platformTimes.finishedAt),
    },
    video: videoOf(task, now),
    failure: failureOf(task),
    usage: usage
      ? {
          resolutionTier: usage.tier,
          billedSeconds: usage.billedSeconds,
          inputSeconds: usage.inputSeconds,
          outputSeconds: usage.outputSeconds,
          ratio: usage.ratio,
          videoCount: usage.videoCount,
        }
      : null,
    ids: {
      requestId: task.requestId,
      upstreamTaskId: upstream?.taskId ?? null,
      upstreamRequestId: upstream?.requestId ?? null,
    },
    invalidTimes: task.invalidTimes,
  };
}
