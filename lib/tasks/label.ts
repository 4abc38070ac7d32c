/** Labels name who or what a task is for (a person, a project, a client). Pure. */

export const LABEL_MAX_LENGTH = 60;

export type LabelCheck = { ok: true; label: string | null } | { ok: false; reason: string };

/** Embeddings, overrides, isolates and marks: they make a label read differently from what it is. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Format characters (zero-width spaces, word joiners, BOM, soft hyphen…): a label that looks like another. */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/u;
/** The zero-width joiner inside an emoji sequence (👩‍💻) is part of the emoji. */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu;

/** Trims; an empty label clears it. */
export function checkLabel(input: unknown): LabelCheck {
  if (input === null || input === undefined) return { ok: true, label: null };
  if (typeof input !== "string") return { ok: false, reason: "A label must be text." };
  const label = input.trim().replace(/\s+/g, " ");
  if (label.length > LABEL_MAX_LENGTH)
    return { ok: false, reason: `A label has at most ${LABEL_MAX_LENGTH} characters.` };
  if (/\p{Cc}/u.test(label)) return { ok: false, reason: "A label cannot contain control characters." };
  if (BIDI_CONTROLS.test(label)) {
    return { ok: false, reason: "A label cannot contain right-to-left or left-to-right override characters." };
  }
  if (INVISIBLE.test(label.replace(EMOJI_JOINER, ""))) {
    return { ok: false, reason: "A label cannot contain invisible characters." };
  }
  return { ok: true, label: label.length === 0 ? null : label };
}
