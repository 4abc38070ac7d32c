/** Labels name who or what a task is for (a person, a project, a client). Pure. */

export const LABEL_MAX_LENGTH = 60;

export type LabelCheck = { ok: true; label: string | null } | { ok: false; reason: string };

/** Trims; an empty label clears it. */
export function checkLabel(input: unknown): LabelCheck {
  if (input === null || input === undefined) return { ok: true, label: null };
  if (typeof input !== "string") return { ok: false, reason: "A label must be text." };
  const label = input.trim().replace(/\s+/g, " ");
  if (label.length > LABEL_MAX_LENGTH)
    return { ok: false, reason: `A label has at most ${LABEL_MAX_LENGTH} characters.` };
  if (/\p{Cc}/u.test(label)) return { ok: false, reason: "A label cannot contain control characters." };
  return { ok: true, label: label.length === 0 ? null : label };
}
