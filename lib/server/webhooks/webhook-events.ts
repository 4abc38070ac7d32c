import "server-only";

import type { Selectable } from "kysely";

import type { TaskChangesTable } from "@/lib/server/db/schema";
import type { TaskRow } from "@/lib/server/tasks/task-store";
import { readSnapshot } from "@/lib/server/tasks/tracked-task";
import { actionLabel } from "@/lib/tasks/status";
import { toTaskView } from "@/lib/tasks/task-view";
import { span } from "@/lib/tasks/time";
import { STOPS } from "@/lib/tasks/watch";
import { eventIdOf, type WebhookEvent } from "@/lib/webhooks/event";
import type { WebhookOutcome } from "@/lib/webhooks/outcomes";

/**
 * Which changes of the log are webhook events, and what each says. An event is a transition: a
 * task reaching succeeded or failed from another state, or Paddock stopping watching it. A task
 * tracked after it had already ended is not news (pasting last week's ids sends nothing).
 */

type Change = Selectable<TaskChangesTable>;

const GROUPS: Record<string, WebhookOutcome> = { SUCCESS: "succeeded", FAILURE: "failed" };

/**
 * The outcome a change reports, or null. `previous` is the status of the task's change before it
 * (undefined: this is the first answer Paddock stored).
 */
export function transitionOutcome(change: Change, previous: string | null | undefined, task: TaskRow) {
  if (change.kind === "stopped") return "gave_up" as const;
  const outcome = change.status ? GROUPS[change.status] : undefined;
  if (!outcome) return null;
  if (previous === undefined) {
    // First seen already ended: only an event when it ended after Paddock started tracking it.
    return task.finished_at !== null && task.finished_at >= task.added_at ? outcome : null;
  }
  return previous !== null && GROUPS[previous] === outcome ? null : outcome;
}

export function buildEvent(
  change: Change,
  outcome: WebhookOutcome,
  task: TaskRow,
  publicUrl: string | null,
): WebhookEvent {
  const snapshot = readSnapshot(task);
  const view = snapshot ? toTaskView(snapshot, Number(change.at)) : null;
  const stopReason = change.kind === "stopped" && change.detail === "not_found" ? "not_found" : "gave_up";
  const submittedAt = task.submitted_at ?? view?.platformTimes.submittedAt ?? null;
  const finishedAt = outcome === "gave_up" ? null : (task.finished_at ?? view?.platformTimes.finishedAt ?? null);
  const failure =
    outcome === "failed"
      ? {
          reason: view?.failure?.message ?? null,
          code: view?.failure?.code ?? null,
          category: view?.failure?.category ?? task.failure_category,
        }
      : outcome === "gave_up"
        ? { reason: STOPS[stopReason].label, code: stopReason, category: null }
        : null;
  return {
    id: eventIdOf(Number(change.seq)),
    type: `task.${outcome}`,
    createdAt: new Date(Number(change.at)).toISOString(),
    test: false,
    task: {
      id: task.id,
      label: task.label,
      kind: task.action,
      kindLabel: view?.action.label ?? actionLabel(task.action).label,
      outcome,
      status: task.status,
      submittedAt: iso(submittedAt),
      finishedAt: iso(finishedAt),
      durationMs: outcome === "gave_up" ? null : span(submittedAt, finishedAt),
      failure,
      stopReason: outcome === "gave_up" ? stopReason : null,
      url: inspectorUrl(publicUrl, task.id),
    },
  };
}

/** The event the Settings page's "send a test event" sends: shaped like a real one, marked as a test. */
export function testEvent(eventId: string, now: number, publicUrl: string | null): WebhookEvent {
  const id = "asyntask_PaddockWebhookTest0000000000";
  return {
    id: eventId,
    type: "task.succeeded",
    createdAt: new Date(now).toISOString(),
    test: true,
    task: {
      id,
      label: "webhook test",
      kind: "generate",
      kindLabel: actionLabel("generate").label,
      outcome: "succeeded",
      status: "SUCCESS",
      submittedAt: new Date(now - 83_000).toISOString(),
      finishedAt: new Date(now).toISOString(),
      durationMs: 83_000,
      failure: null,
      stopReason: null,
      url: inspectorUrl(publicUrl, id),
    },
  };
}

function inspectorUrl(publicUrl: string | null, id: string): string | null {
  return publicUrl ? `${publicUrl}/tasks/${encodeURIComponent(id)}` : null;
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}
