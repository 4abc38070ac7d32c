import { BODY_LIMITS } from "@/lib/api/limits";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseBody } from "@/lib/server/http/parse";
import { json, jsonError } from "@/lib/server/http/respond";
import { endpointView } from "@/lib/server/webhooks/endpoints";
import { createWebhookSchema } from "@/lib/server/webhooks/webhook-inputs";
import { createEndpoint, listEndpoints, MAX_WEBHOOKS } from "@/lib/server/webhooks/webhook-settings";

export const dynamic = "force-dynamic";

/** The webhook endpoints: the environment's (read-only) and the Settings page's, never their secrets. */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    return json({ endpoints: (await listEndpoints(runtime)).map(endpointView) });
  });
}

/** A new endpoint. A JSON endpoint's signing secret is in this answer only. */
export function POST(request: Request) {
  return handleApi(request, async ({ runtime, principal }) => {
    const body = await parseBody(request, createWebhookSchema, {
      maxBytes: BODY_LIMITS.webhook,
      message: 'Send { "name": "…", "kind": "json" | "slack", "url": "https://…", "labels"?: [], "outcomes"?: [] }.',
    });
    if (!body.ok) return body.response;
    const created = await createEndpoint(runtime, body.value, principal);
    if (!created.ok) {
      return jsonError("too_many_webhooks", `There are ${MAX_WEBHOOKS} endpoints already: remove one first.`);
    }
    return json({ endpoint: created.endpoint, secret: created.secret }, 201);
  });
}
