/**
 * The task ids gateways of the family issue, and nothing else: the seed gateway's `asyntask_` +
 * letters and digits, new-api's `task_` + letters and digits (32 of them since 2026), and the
 * DashScope task UUID that older new-api versions expose. Anything else must never be sent
 * upstream: a path such as `../../dashboard/billing/usage` would reach another endpoint of the
 * gateway behind the same key. Pure: shared by the server, the client and the tests.
 */

export const TASK_ID_MAX_LENGTH = 128;
const PREFIXES = ["asyntask_", "task_"] as const;
const PREFIXED_BODY = /^[A-Za-z0-9]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const TASK_ID_FORMS = "asyntask_… or task_… followed by letters and digits, or a DashScope task UUID";

export type TaskIdCheck = { ok: true; id: string } | { ok: false; reason: string };

export function checkTaskId(input: unknown): TaskIdCheck {
  if (typeof input !== "string") return { ok: false, reason: "A task id must be a string." };
  if (input.length === 0) return { ok: false, reason: "The task id is empty." };
  if (input.length > TASK_ID_MAX_LENGTH) {
    return { ok: false, reason: `A task id has at most ${TASK_ID_MAX_LENGTH} characters.` };
  }
  // DashScope writes its UUIDs in lower case; the same id in capitals is the same task.
  if (UUID.test(input)) return { ok: true, id: input.toLowerCase() };
  const prefix = PREFIXES.find((candidate) => input.startsWith(candidate));
  if (!prefix) return { ok: false, reason: `A task id is ${TASK_ID_FORMS}.` };
  const body = input.slice(prefix.length);
  if (body.length === 0) return { ok: false, reason: `Nothing follows "${prefix}".` };
  if (!PREFIXED_BODY.test(body)) {
    return { ok: false, reason: `After "${prefix}" a task id has only letters A-Z, a-z and digits.` };
  }
  return { ok: true, id: input };
}

/**
 * A task id from what a person pastes into "Go to task": the id itself, a Paddock link
 * (`…/tasks/{id}`), or a gateway link that ends in the id (`…/v1/video/generations/{id}`).
 */
export function extractTaskId(text: string): TaskIdCheck {
  const trimmed = text.trim();
  const direct = checkTaskId(trimmed);
  if (direct.ok || !/^https?:\/\//i.test(trimmed)) return direct;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return direct;
  }
  const last =
    url.pathname
      .split("/")
      .filter((part) => part.length > 0)
      .at(-1) ?? "";
  const fromLink = checkTaskId(safeDecode(last));
  return fromLink.ok ? fromLink : { ok: false, reason: `That link does not end in a task id (${TASK_ID_FORMS}).` };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Splits pasted text on any mix of white space and commas, dropping empties and repeats. */
export function splitPastedIds(text: string): string[] {
  const parts = text.split(/[\s,;]+/u).filter((part) => part.length > 0);
  return [...new Set(parts)];
}

/** `jwgf…s6ya`: enough to recognise an id on a card, whatever its form. */
export function shortTaskId(id: string): string {
  const prefix = PREFIXES.find((candidate) => id.startsWith(candidate));
  const body = prefix ? id.slice(prefix.length) : id;
  return body.length <= 10 ? body : `${body.slice(0, 4)}…${body.slice(-4)}`;
}

/** Whether an answer's id is the id asked for (UUIDs compare without regard to case). */
export function sameTaskId(asked: string, answered: string): boolean {
  return asked === answered || (UUID.test(answered) && asked === answered.toLowerCase());
}
