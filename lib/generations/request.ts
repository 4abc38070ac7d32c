import { z } from "zod/mini";

import { formatNumber } from "@/lib/format/number";

/**
 * A generation as Paddock asks for it: one typed request per kind, checked the same way in the
 * form (messages next to each field) and in the route handlers. The gateway's body is built from
 * it in one place (`lib/generations/create-body.ts`). Pure.
 */

export const GENERATION_KINDS = ["t2v", "i2v", "r2v", "edit"] as const;
export type GenerationKind = (typeof GENERATION_KINDS)[number];

export const KIND_LABELS = {
  t2v: "Text to video",
  i2v: "Image to video",
  r2v: "Reference to video",
  edit: "Video edit",
} as const satisfies Record<GenerationKind, string>;

export const MODELS = {
  t2v: "happyhorse-1.0-t2v",
  i2v: "happyhorse-1.0-i2v",
  r2v: "happyhorse-1.0-r2v",
  edit: "happyhorse-1.0-video-edit",
} as const satisfies Record<GenerationKind, string>;

export const RESOLUTIONS = ["720P", "1080P"] as const;
/** Text and reference generations choose their frame; an image or a video brings its own. */
export const RATIOS = ["16:9", "9:16", "1:1", "4:3", "3:4"] as const;
export const KINDS_WITH_RATIO: readonly GenerationKind[] = ["t2v", "r2v"];
export const DURATION_MIN = 3;
export const DURATION_MAX = 15;
export const SEED_MAX = 2_147_483_647;
export const REFERENCE_IMAGES_MAX = 3;
/**
 * The prompt's limit, counted as DashScope counts it: in characters (Unicode code points), so a
 * Chinese character counts one, like a Latin letter.
 */
export const PROMPT_MAX = 1500;

/** A prompt's length as the gateway counts it. */
export function promptLength(prompt: string): number {
  return [...prompt].length;
}

/** A URL the gateway can fetch: http or https, no credentials, at most 2,000 characters. */
export function checkMediaUrl(value: string): string | null {
  if (value.length > 2000) return "A link has at most 2,000 characters.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Paste a whole link, starting with https://.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The link must start with https:// (or http://).";
  if (url.username || url.password) return "A link with a user name or password in it is refused.";
  return null;
}

const mediaUrl = z.string({ error: "Paste a link." }).check(
  z.trim(),
  z.minLength(1, "Paste a link."),
  z.superRefine((value, ctx) => {
    const problem = checkMediaUrl(value);
    if (problem) ctx.issues.push({ code: "custom", message: problem, input: value });
  }),
);

const durationMessage = `A duration is ${DURATION_MIN} to ${DURATION_MAX} whole seconds.`;

const common = {
  prompt: z.string({ error: "Write a prompt." }).check(
    z.trim(),
    z.minLength(1, "Write a prompt."),
    z.refine((value) => promptLength(value) <= PROMPT_MAX, {
      message: `A prompt has at most ${formatNumber(PROMPT_MAX)} characters.`,
    }),
  ),
  resolution: z.enum(RESOLUTIONS, { error: "Pick 720P or 1080P." }),
  duration: z
    .number({ error: durationMessage })
    .check(z.int(durationMessage), z.minimum(DURATION_MIN, durationMessage), z.maximum(DURATION_MAX, durationMessage)),
  seed: z._default(
    z.nullable(
      z
        .number({ error: "A seed is a whole number." })
        .check(
          z.int("A seed is a whole number."),
          z.minimum(0, "A seed is 0 or more."),
          z.maximum(SEED_MAX, `A seed is at most ${formatNumber(SEED_MAX)}.`),
        ),
    ),
    null,
  ),
  watermark: z._default(z.boolean(), false),
};

const ratio = z.enum(RATIOS, { error: `Pick a ratio: ${RATIOS.join(", ")}.` });

export const generationRequestSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("t2v"), ...common, ratio }),
    z.strictObject({ kind: z.literal("i2v"), ...common, image: mediaUrl }),
    z.strictObject({
      kind: z.literal("r2v"),
      ...common,
      ratio,
      images: z
        .array(mediaUrl)
        .check(
          z.minLength(1, "Add at least one reference image."),
          z.maxLength(REFERENCE_IMAGES_MAX, `At most ${REFERENCE_IMAGES_MAX} reference images.`),
        ),
    }),
    z.strictObject({ kind: z.literal("edit"), ...common, video: mediaUrl }),
  ],
  { error: `kind is one of ${GENERATION_KINDS.join(", ")}.` },
);

export type GenerationRequest = z.output<typeof generationRequestSchema>;
export type GenerationInput = z.input<typeof generationRequestSchema>;

/** Seconds the platform bills for it: the duration asked (a video edit's input length is not known before). */
export function estimatedBilledSeconds(request: Pick<GenerationRequest, "duration">): number {
  return request.duration;
}

/** The form's field errors, by field name ("images.1" for the second image). */
export function fieldErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}
