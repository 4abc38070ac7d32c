import {
  DURATION_MAX,
  DURATION_MIN,
  type GenerationInput,
  type GenerationKind,
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

/**
 * "Duplicate with changes": the form filled from a task's own snapshot (prompt, kind, tier,
 * duration, ratio). Inputs the gateway does not return (the source images and video) stay empty.
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
    kind: KIND_OF_ACTION[view.action.value] ?? "t2v",
    prompt: view.prompt ?? "",
    resolution: usage?.resolutionTier === 1080 ? "1080P" : "720P",
    ratio,
    duration,
  };
}
