import { generationAnswerSchema } from "@/lib/api/generation-schemas";
import { apiFetch } from "@/lib/api-client/fetch";
import type { GenerationRequest } from "@/lib/generations/request";

/** Starts a generation; the same `idempotencyKey` on a retry answers the first request's answer. */
export function startGenerationRequest(request: GenerationRequest, idempotencyKey: string) {
  return apiFetch("/api/generations", generationAnswerSchema, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
    body: JSON.stringify(request),
  });
}
