import { z } from "zod";

import { BODY_LIMITS } from "@/lib/api/limits";
import { startGeneration } from "@/lib/server/generations/generation-service";
import { IDEMPOTENCY_KEY_PATTERN } from "@/lib/server/generations/generation-service";
import { gatewayError, inGatewayShape, relayAccess, requestFromGatewayBody } from "@/lib/server/generations/relay";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseBody } from "@/lib/server/http/parse";

export const dynamic = "force-dynamic";

/**
 * The relay's create: the gateway's own body, forwarded with the team's key, the new task tracked
 * and labelled with the token owner's name. Answers as the gateway does.
 */
export async function POST(request: Request) {
  const response = await handleApi(request, async ({ runtime, principal }) => {
    const access = relayAccess(runtime.env, principal, request);
    if (!access.ok) return gatewayError(access.status, access.message);
    const key = request.headers.get("idempotency-key");
    if (key !== null && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      return gatewayError(400, "Idempotency-Key is 8 to 100 letters, digits, - or _.");
    }
    const body = await parseBody(request, z.unknown(), {
      maxBytes: BODY_LIMITS.generation,
      message: "Send the gateway's JSON body.",
    });
    if (!body.ok) return body.response;
    const read = requestFromGatewayBody(body.value);
    if (!read.ok) return gatewayError(400, read.message, "InvalidParameter");
    const answer = await startGeneration(runtime, read.request, access.principal, key);
    if ("error" in answer.body) {
      const details = answer.body.error.details as { upstreamCode?: string | null } | undefined;
      return gatewayError(answer.status, answer.body.error.message, details?.upstreamCode ?? answer.body.error.code);
    }
    const response = Response.json(
      { code: "success", message: "", data: { task_id: answer.body.taskId, status: "SUBMITTED" } },
      { headers: { "Cache-Control": "no-store" } },
    );
    if (answer.replayed) response.headers.set("Idempotent-Replayed", "true");
    return response;
  });
  return inGatewayShape(response);
}
