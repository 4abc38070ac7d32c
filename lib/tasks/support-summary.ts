import type { TaskResponse } from "@/lib/api/task-schemas";
import { FAILURE_CATEGORIES } from "@/lib/tasks/failure-category";
import { stepDurations, timelineEvents } from "@/lib/tasks/inspection";
import { formatDuration } from "@/lib/tasks/time";
import { redactSignedUrl } from "@/lib/tasks/video-link";

/**
 * The Markdown a support person pastes into a ticket: ids, both statuses, the timeline with
 * durations, the reason and its category. Times in UTC; URL signatures redacted. Pure.
 */
export function supportSummary(detail: TaskResponse): string {
  const { task } = detail;
  const { inspection } = task;
  const view = task.view;
  const lines = [`### HappyHorse task ${task.id}`, ""];
  const id = (label: string, value: string | null | undefined) => lines.push(`- ${label}: \`${value ?? "—"}\``);
  id("Platform task id", task.id);
  id("DashScope task id", view?.ids.upstreamTaskId);
  id("Platform request id", view?.ids.requestId);
  id("DashScope request id", view?.ids.upstreamRequestId);
  lines.push("");

  if (!view) {
    lines.push("Paddock has no answer from the gateway for this task yet.");
    return lines.join("\n");
  }
  lines.push(`- Kind: ${view.action.label} (\`${view.action.value || "unknown"}\`)`);
  lines.push(`- Platform status: **${view.status.label}** (\`${view.status.value}\`)`);
  lines.push(
    `- DashScope status: ${view.upstreamStatus ? `**${view.upstreamStatus.label}** (\`${view.upstreamStatus.value}\`)` : "not reached yet"}`,
  );
  if (view.progress !== null) lines.push(`- Progress: ${view.progress}%`);
  if (inspection.disagreement) lines.push(`- ⚠ Levels disagree: ${inspection.disagreement.message}`);
  if (inspection.stuck) lines.push(`- ⚠ Probably stuck: no change for ${formatDuration(inspection.stuck.forMs)}`);

  const events = timelineEvents(view);
  if (events.length > 0) {
    lines.push("", "#### Timeline (UTC)", "");
    for (const event of events) lines.push(`- ${isoUtc(event.at)} — ${event.label}`);
    const steps = stepDurations(view).filter((step) => step.ms !== null);
    if (steps.length > 0) {
      lines.push(
        "",
        steps.map((step) => `${step.label}: ${formatDuration(step.ms ?? 0)}${step.long ? " (long)" : ""}`).join(" · "),
      );
    }
  }

  if (view.failure) {
    const category = FAILURE_CATEGORIES[view.failure.category];
    lines.push("", "#### Failure", "");
    lines.push(`- Category: ${category.label}`);
    lines.push(`- Reason: ${view.failure.message ?? "none given"}`);
    if (view.failure.code) lines.push(`- DashScope code: \`${view.failure.code}\``);
    lines.push(`- Retry helps: ${category.retry ? "yes, later" : "no"}. ${category.advice}`);
    lines.push("- Failed tasks are refunded by the platform.");
  }
  if (view.video) lines.push("", `Video link (signature redacted): ${redactSignedUrl(view.video.url)}`);
  return lines.join("\n");
}

function isoUtc(at: number): string {
  return new Date(at).toISOString().replace("T", " ").replace("Z", " UTC");
}
