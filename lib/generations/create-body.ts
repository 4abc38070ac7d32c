import { type GenerationRequest, MODELS } from "@/lib/generations/request";

/**
 * The body of `POST {BASE_URL}/v1/video/generations`, built from one typed request: the one place
 * that knows the gateway's field names. This is the reference shape (happyhorse-api.md):
 *
 *   { model, prompt, image? | images? | video?, parameters: { resolution, ratio?, duration, watermark, seed? } }
 *
 * Resellers differ (`size` for `parameters.resolution`, `aspect_ratio` for `ratio`,
 * `input_reference` for `image`): adapt them here, and the form's preview shows what is sent.
 * Pure, so the browser shows the exact JSON before anything is submitted.
 */
export function createBody(request: GenerationRequest): Record<string, unknown> {
  const parameters: Record<string, unknown> = {
    resolution: request.resolution,
    ...("ratio" in request ? { ratio: request.ratio } : {}),
    duration: request.duration,
    watermark: request.watermark,
    ...(request.seed !== null ? { seed: request.seed } : {}),
  };
  const body: Record<string, unknown> = { model: MODELS[request.kind], prompt: request.prompt };
  if (request.kind === "i2v") body.image = request.image;
  if (request.kind === "r2v") body.images = request.images;
  if (request.kind === "edit") body.video = request.video;
  body.parameters = parameters;
  return body;
}
