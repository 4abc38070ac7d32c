import type { TaskData } from "@/lib/happyhorse/schema";
import { classifyFailure } from "@/lib/tasks/failure-category";
import { actionLabel, platformStatus, statusGroup, type StatusView, upstreamStatus } from "@/lib/tasks/status";
import type { TaskView } from "@/lib/tasks/task-view-schema";
import { fromUnixSeconds, parseUpstreamTime, span } from "@/lib/tasks/time";
import { describeVideoLink, type VideoLink } from "@/lib/tasks/video-link";

/** "50%" → 50; "", "n/a" and out-of-range values → null. */
export function parseProgress(value: string | null | undefined): number | null {
  if (!value) return null;
  const match = /^\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*$/.exec(value);
  if (!match) return null;
  const percent = Number(match[1]);
  return percent >= 0 && percent <= 100 ? percent : null;
}

function looksLikeUrl(text: string): boolean {
  return /^https?:\/\//i.test(text.trim());
}

function nonEmpty(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

function failureOf(task: TaskData, status: StatusView): TaskView["failure"] {
  const output = task.data?.output;
  const upstream = output?.task_status;
  const failedUpstream = upstream === "FAILED" || upstream === "CANCELED";
  if (status.value !== "FAILURE" && !failedUpstream) return null;
  // On success `fail_reason` repeats the result URL for old clients: never a reason.
  const platformReason = nonEmpty(task.fail_reason);
  const reason = platformReason && !looksLikeUrl(platformReason) ? platformReason : null;
  const fallback =
    upstream === "CANCELED"
      ? "The task was canceled upstream."
      : upstream === "UNKNOWN"
        ? "The upstream task is missing or expired (DashScope keeps tasks for 24 hours)."
        : null;
  const message = reason ?? nonEmpty(output?.message) ?? fallback;
  const code = nonEmpty(output?.code);
  return { message, code, category: classifyFailure({ code, message, upstreamStatus: upstream ?? null }) };
}

function videoOf(task: TaskData, status: StatusView, finishedAt: number | null, now: number): VideoLink | null {
  const output = task.data?.output;
  const url =
    status.value === "SUCCESS"
      ? (nonEmpty(task.result_url) ?? nonEmpty(output?.video_url))
      : output?.task_status === "SUCCEEDED"
        ? nonEmpty(output.video_url)
        : null;
  if (!url || !looksLikeUrl(url)) return null;
  const upstreamEnd = parseUpstreamTime(output?.end_time);
  return describeVideoLink(url, finishedAt ?? upstreamEnd, now);
}

function toWholeSecond(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 1000) * 1000;
}

export function toTaskView(task: TaskData, now: number): TaskView {
  const status = platformStatus(task.status);
  const answer = task.data ?? null;
  const output = answer?.output;
  const usage = answer?.usage;

  const platformTimes = {
    submittedAt: fromUnixSeconds(task.submit_time),
    startedAt: fromUnixSeconds(task.start_time),
    finishedAt: fromUnixSeconds(task.finish_time),
  };
  const upstreamTimes = output
    ? {
        submittedAt: parseUpstreamTime(output.submit_time),
        scheduledAt: parseUpstreamTime(output.scheduled_time),
        endedAt: parseUpstreamTime(output.end_time),
      }
    : null;

  // Upstream clocks measure the work itself; the platform's only say when its poller noticed.
  const queueWaitMs =
    span(upstreamTimes?.submittedAt ?? null, upstreamTimes?.scheduledAt ?? null) ??
    span(platformTimes.submittedAt, platformTimes.startedAt);
  const generationMs =
    span(upstreamTimes?.scheduledAt ?? null, upstreamTimes?.endedAt ?? null) ??
    span(platformTimes.startedAt, platformTimes.finishedAt);

  const progress = parseProgress(task.progress) ?? (status.value === "SUCCESS" ? 100 : null);

  return {
    id: task.task_id,
    action: actionLabel(task.action),
    status,
    group: statusGroup(status),
    upstreamStatus: output?.task_status ? upstreamStatus(output.task_status) : null,
    progress,
    prompt: nonEmpty(output?.orig_prompt),
    platformTimes,
    upstreamTimes,
    durations: {
      queueWaitMs,
      generationMs,
      // The platform clock ticks in whole seconds, so the lag is only known to the second.
      gatewayLagMs: toWholeSecond(span(upstreamTimes?.endedAt ?? null, platformTimes.finishedAt)),
      totalMs: span(platformTimes.submittedAt, platformTimes.finishedAt),
    },
    video: videoOf(task, status, platformTimes.finishedAt, now),
    failure: failureOf(task, status),
    usage: usage
      ? {
          resolutionTier: usage.SR ?? null,
          billedSeconds: usage.duration ?? null,
          inputSeconds: usage.input_video_duration ?? null,
          outputSeconds: usage.output_video_duration ?? null,
          ratio: nonEmpty(usage.ratio),
          videoCount: usage.video_count ?? null,
        }
      : null,
    ids: {
      requestId: nonEmpty(task.request_id),
      upstreamTaskId: nonEmpty(output?.task_id),
      upstreamRequestId: nonEmpty(answer?.request_id),
    },
  };
}
