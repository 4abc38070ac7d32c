import { formatDuration } from "@/lib/tasks/time";
import type { WebhookEvent } from "@/lib/webhooks/event";
import { OUTCOMES } from "@/lib/webhooks/outcomes";

/**
 * A Slack incoming-webhook message for an event: `text` (the notification and the fallback) and
 * `blocks`. Any receiver that takes Slack's shape (Mattermost, Rocket.Chat, Discord's /slack)
 * reads `text` at least. Pure.
 */
export function slackMessage(event: WebhookEvent) {
  const { task } = event;
  const outcome = OUTCOMES[task.outcome];
  const name = task.label ? `${task.id} (${task.label})` : task.id;
  const head = `${outcome.emoji} ${event.test ? "[test] " : ""}${outcome.label}: ${name}`;
  const facts = [
    `*Kind:* ${task.kindLabel}`,
    task.label ? `*Label:* ${escape(task.label)}` : null,
    task.durationMs !== null ? `*Took:* ${formatDuration(task.durationMs)}` : null,
    task.failure?.reason ? `*Reason:* ${escape(task.failure.reason)}` : null,
  ].filter((fact): fact is string => fact !== null);
  const link = task.url ? `<${task.url}|Open in Paddock>` : null;
  const text = [head, ...facts.map((fact) => fact.replace(/\*/g, "")), task.url].filter(Boolean).join("\n");
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${escape(head)}*` } },
      { type: "section", fields: facts.map((fact) => ({ type: "mrkdwn", text: fact })) },
      ...(link ? [{ type: "context", elements: [{ type: "mrkdwn", text: `${link} · ${event.id}` }] }] : []),
    ],
  };
}

/** Slack's three control characters in mrkdwn. */
function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
