/**
 * Platform task ids are `asyntask_` followed by letters and digits. Anything else must never be
 * sent upstream: a path such as `../../dashboard/billing/usage` would reach another endpoint of
 * the gateway behind the same key. Pure: shared by the server, the client and the tests.
 */
export const TASK_ID_PREFIX = "asyntask_";
export const TASK_ID_MAX_LENGTH = 128;
const TASK_ID_PATTERN = /^asyntask_[A-Za-z0-9]+$/;

export type TaskIdCheck = { ok: true; id: string } | { ok: false; reason: string };

export function checkTaskId(input: unknown): TaskIdCheck {
  if (typeof input !== "string") return { ok: false, reason: "A task id must be a string." };
  if (input.length === 0) return { ok: false, reason: "The task id is empty." };
  if (input.length > TASK_ID_MAX_LENGTH) {
    return { ok: false, reason: `A task id has at most ${TASK_ID_MAX_LENGTH} characters.` };
  }
  if (!input.startsWith(TASK_ID_PREFIX)) {
    return { ok: false, reason: `A task id starts with "${TASK_ID_PREFIX}".` };
  }
  if (input.length === TASK_ID_PREFIX.length) {
    return { ok: false, reason: `Nothing follows "${TASK_ID_PREFIX}".` };
  }
  if (!TASK_ID_PATTERN.test(input)) {
    return {
      ok: false,
      reason: `After "${TASK_ID_PREFIX}" a task id has only letters A-Z, a-z and digits.`,
    };
  }
  return { ok: true, id: input };
}

/** Splits pasted text on any mix of white space and commas, dropping empties and repeats. */
export function splitPastedIds(text: string): string[] {
  const parts = text.split(/[\s,;]+/u).filter((part) => part.length > 0);
  return [...new Set(parts)];
}

/** `asyntask_jwgf…s6ya`: enough to recognise an id on a card. */
export function shortTaskId(id: string): string {
  const body = id.startsWith(TASK_ID_PREFIX) ? id.slice(TASK_ID_PREFIX.length) : id;
  return body.length <= 10 ? body : `${body.slice(0, 4)}…${body.slice(-4)}`;
}
