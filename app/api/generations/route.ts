import { BODY_LIMITS } from "@/lib/api/limits";
import { generationRequestSchema } from "@/lib/generations/request";
import { IDEMPOTENCY_KEY_PATTERN, startGeneration } from "@/lib/server/generations/generation-service";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseBody } from "@/lib/server/http/parse";
import { json, jsonError } from "@/lib/server/http/respond";

export const dynamic = "force-dynamic";

/**
 * Starts a generation (the form's request): one typed request per kind, checked as the form checks
 * it. An `Idempotency-Key` header (8 to 100 letters, digits, - or _) makes a retry or a double
 * submit within ten minutes answer the first request's answer (`Idempotent-Replayed: true`) instead
 * of starting a second generation. 201 with the new task, tracked and labelled with the sender's
 * name; 422 `generation_refused` with the gateway's words and category when it refuses (nothing is
 * tracked).
 */
export function POST(request: Request) {
  return handleApi(request, async ({ runtime, principal }) => {
    const key = request.headers.get("idempotency-key");
    if (key !== null && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      return jsonError("invalid_body", "Idempotency-Key is 8 to 100 letters, digits, - or _.");
    }
    const body = await parseBody(request, generationRequestSchema, {
      maxBytes: BODY_LIMITS.generation,
      message: "The generation is not valid: see each field.",
    });
    if (!body.ok) return body.response;
    const answer = await startGeneration(runtime, body.value, principal, key);
    const response = json(answer.body, answer.status);
    if (answer.replayed) response.headers.set("Idempotent-Replayed", "true");
    return response;
  });
}
