import { randomBytes } from "node:crypto";

import { MODELS, PROMPT_MAX, promptLength, RATIOS, REFERENCE_IMAGES_MAX, RESOLUTIONS } from "@/lib/generations/request";
import type { SimTask } from "@/lib/simulator/lifecycle";
import { scaledLifecycle } from "@/lib/simulator/scenarios";

/**
 * The simulator's `POST /v1/video/generations`: the reference body checked as a gateway would,
 * with its failure modes (a prompt saying "moderation-test" is refused as DashScope refuses
 * content, "quota-test" as an account without balance), and a new task that then runs its course.
 */

export type CreateOutcome = { ok: true; task: SimTask } | { ok: false; status: number; body: unknown };

const ACTIONS: Record<string, string> = {
  [MODELS.t2v]: "generate",
  [MODELS.i2v]: "generate",
  [MODELS.r2v]: "referenceGenerate",
  [MODELS.edit]: "omniGenerate",
};

const refuse = (status: number, code: string, message: string): CreateOutcome => ({
  ok: false,
  status,
  body: { error: { message, type: "upstream_error", code } },
});

const isUrl = (value: unknown) => typeof value === "string" && /^https?:\/\/[^\s]+$/.test(value);

export function simulateCreate(body: unknown, now: number, timeScale: number): CreateOutcome {
  if (body === null || typeof body !== "object")
    return refuse(400, "InvalidParameter", "The body is not a JSON object.");
  const { model, prompt, parameters, image, images, video } = body as Record<string, unknown>;
  const action = typeof model === "string" ? ACTIONS[model] : undefined;
  if (!action) return refuse(400, "InvalidParameter", `Model not supported: ${String(model).slice(0, 60)}`);
  if (typeof prompt !== "string" || prompt.trim() === "") return refuse(400, "InvalidParameter", "prompt is required.");
  if (promptLength(prompt) > PROMPT_MAX) {
    return refuse(400, "InvalidParameter", `prompt exceeds ${PROMPT_MAX} characters.`);
  }
  const p = (parameters ?? {}) as Record<string, unknown>;
  if (!RESOLUTIONS.includes(p.resolution as (typeof RESOLUTIONS)[number])) {
    return refuse(400, "InvalidParameter", "parameters.resolution must be 720P or 1080P.");
  }
  if (typeof p.duration !== "number" || !Number.isInteger(p.duration) || p.duration < 3 || p.duration > 15) {
    return refuse(400, "InvalidParameter", "parameters.duration must be 3 to 15.");
  }
  const withRatio = model === MODELS.t2v || model === MODELS.r2v;
  if (withRatio && p.ratio !== undefined && !RATIOS.includes(p.ratio as (typeof RATIOS)[number])) {
    return refuse(400, "InvalidParameter", "parameters.ratio is not supported.");
  }
  if (model === MODELS.i2v && !isUrl(image)) return refuse(400, "InvalidURL", "image must be a URL.");
  if (
    model === MODELS.r2v &&
    !(Array.isArray(images) && images.length >= 1 && images.length <= REFERENCE_IMAGES_MAX && images.every(isUrl))
  ) {
    return refuse(400, "InvalidParameter", `images must be 1 to ${REFERENCE_IMAGES_MAX} URLs.`);
  }
  if (model === MODELS.edit && !isUrl(video)) return refuse(400, "InvalidURL", "video must be a URL.");
  if (/moderation-test/i.test(prompt)) {
    return refuse(400, "DataInspectionFailed", "Input data may contain inappropriate content.");
  }
  if (/quota-test/i.test(prompt)) {
    return refuse(403, "Arrearage", "Access denied, please make sure your account is in good standing (Arrearage).");
  }
  return {
    ok: true,
    task: {
      id: `asyntask_${newIdTail()}`,
      action,
      prompt,
      submittedAt: now,
      lifecycle: scaledLifecycle(timeScale),
      outcome: /fail-test/i.test(prompt)
        ? { kind: "failure", upstream: "FAILED", code: "InternalError", message: "The generation failed upstream." }
        : { kind: "success" },
      usage: {
        SR: p.resolution === "1080P" ? 1080 : 720,
        duration: p.duration,
        ...(withRatio ? { ratio: typeof p.ratio === "string" ? p.ratio : "16:9" } : {}),
      },
    },
  };
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function newIdTail(): string {
  return [...randomBytes(32)].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
}
