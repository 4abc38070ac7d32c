import {
  DURATION_MAX,
  DURATION_MIN,
  type GenerationInput,
  type GenerationKind,
  type GenerationRequest,
  RATIOS,
  type RESOLUTIONS,
} from "@/lib/generations/request";
import type { TaskView } from "@/lib/tasks/task-view-schema";

/** The new-generation form's fields as typed (text until checked), and how a task's snapshot fills them. Pure. */

export interface GenerationFormState {
  kind: GenerationKind;
  prompt: string;
  resolution: (typeof RESOLUTIONS)[number];
  ratio: (typeof RATIOS)[number];
  duration: string;
  seed: string;
  watermark: boolean;
  image: string;
  images: string[];
  video: string;
}

export const EMPTY_FORM: GenerationFormState = {
  kind: "t2v",
  prompt: "",
  resolution: "720P",
  ratio: "16:9",
  duration: "5",
  seed: "",
  watermark: false,
  image: "",
  images: [""],
  video: "",
};

/** What the schema checks: each kind with its own inputs, numbers as numbers (a blank seed is none). */
export function formInput(state: GenerationFormState): GenerationInput {
  const seed = state.seed.trim() === "" ? null : Number(state.seed);
  const common = {
    prompt: state.prompt,
    resolution: state.resolution,
    duration: state.duration.trim() === "" ? Number.NaN : Number(state.duration),
    seed,
    watermark: state.watermark,
  };
  switch (state.kind) {
    case "t2v":
      return { kind: "t2v", ...common, ratio: state.ratio };
    case "i2v":
      return { kind: "i2v", ...common, image: state.image };
    case "r2v":
      return { kind: "r2v", ...common, ratio: state.ratio, images: state.images.filter((url) => url.trim() !== "") };
    case "edit":
      return { kind: "edit", ...common, video: state.video };
  }
}

const KIND_OF_ACTION: Record<string, GenerationKind> = {
  generate: "t2v",
  textGenerate: "t2v",
  firstTailGenerate: "i2v",
  referenceGenerate: "r2v",
  omniGenerate: "edit",
  remixGenerate: "edit",
};

/** Where a duplicate's fields came from, and what the person should check. */
export interface DuplicateSource {
  /** "request": what Paddock sent (every field); "snapshot": what the gateway's answer says. */
  from: "request" | "snapshot";
  /** The gateway names text and first-frame image tasks alike ("generate") and said nothing that tells them apart. */
  kindUncertain: boolean;
}

/**
 * The kind of a task from its snapshot. `generate` is text or first-frame image: a finished task's
 * usage tells them apart (DashScope reports an aspect ratio for text and reference tasks only).
 * Before success (no usage yet, or a failure's partial usage) it cannot be told: text is the guess.
 */
export function kindOfTask(view: TaskView): { kind: GenerationKind; uncertain: boolean } {
  const action = view.action.value;
  const known = Object.hasOwn(KIND_OF_ACTION, action);
  if (action !== "generate") return { kind: known ? (KIND_OF_ACTION[action] ?? "t2v") : "t2v", uncertain: !known };
  const usage = view.usage;
  if (!usage || view.status.value !== "SUCCESS") return { kind: "t2v", uncertain: true };
  return { kind: usage.ratio ? "t2v" : "i2v", uncertain: false };
}

/**
 * "Duplicate with changes" from a task's own snapshot (prompt, kind, tier, duration, ratio).
 * Inputs the gateway does not return (the source images and video, the seed) stay empty.
 */
export function formFromTask(view: TaskView): GenerationFormState {
  const usage = view.usage;
  const seconds = usage?.outputSeconds ?? usage?.billedSeconds ?? null;
  const duration =
    seconds === null
      ? EMPTY_FORM.duration
      : String(Math.min(DURATION_MAX, Math.max(DURATION_MIN, Math.round(seconds))));
  const ratio = RATIOS.find((candidate) => candidate === usage?.ratio) ?? EMPTY_FORM.ratio;
  return {
    ...EMPTY_FORM,
    kind: kindOfTask(view).kind,
    prompt: view.prompt ?? "",
    resolution: usage?.resolutionTier === 1080 ? "1080P" : "720P",
    ratio,
    duration,
  };
}

/** "Duplicate with changes" of a task Paddock started: every field as it was sent, inputs included. */
export function formFromRequest(request: GenerationRequest): GenerationFormState {
  const form: GenerationFormState = {
    ...EMPTY_FORM,
    kind: request.kind,
    prompt: request.prompt,
    resolution: request.resolution,
    duration: String(request.duration),
    seed: request.seed === null ? "" : String(request.seed),
    watermark: request.watermark,
  };
  switch (request.kind) {
    case "t2v":
      return { ...form, ratio: request.ratio };
    case "i2v":
      return { ...form, image: request.image };
    case "r2v":
      return { ...form, ratio: request.ratio, images: [...request.images] };
    case "edit":
      return { ...form, video: request.video };
  }
}
