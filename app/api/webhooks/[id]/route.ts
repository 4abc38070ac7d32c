import { BODY_LIMITS } from "@/lib/api/limits";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseBody } from "@/lib/server/http/parse";
import { json, jsonError } from "@/lib/server/http/respond";
import { ENV_JSON_ID, ENV_SLACK_ID } from "@/lib/server/webhooks/endpoints";
import { editWebhookSchema, WEBHOOK_ID } from "@/lib/server/webhooks/webhook-inputs";
import { editEndpoint, removeEndpoint } from "@/lib/server/webhooks/webhook-settings";

export const dynamic = "force-dynamic";

interface WebhookRouteContext {
  params: Promise<{ id: string }>;
}

/** Turns an endpoint on or off, renames it or changes its filters. */
export function PATCH(request: Request, { params }: WebhookRouteContext) {
  return handleApi(request, async ({ runtime }) => {
    const id = await checkedId(params);
    if (typeof id !== "string") return id;
    const body = await parseBody(request, editWebhookSchema, {
      maxBytes: BODY_LIMITS.webhook,
      message: 'Send any of { "name", "enabled", "labels", "outcomes" }.',
    });
    if (!body.ok) return body.response;
    const endpoint = await editEndpoint(runtime, id, body.value);
    return endpoint ? json({ endpoint }) : notFound();
  });
}

/** Removes an endpoint; what was still to be sent to it is dropped, its delivery log stays. */
export function DELETE(request: Request, { params }: WebhookRouteContext) {
  return handleApi(request, async ({ runtime }) => {
    const id = await checkedId(params);
    if (typeof id !== "string") return id;
    return (await removeEndpoint(runtime, id)) ? new Response(null, { status: 204 }) : notFound();
  });
}

async function checkedId(params: Promise<{ id: string }>) {
  const { id } = await params;
  if (!WEBHOOK_ID.test(id))
    return jsonError("invalid_id", "That is not a webhook endpoint id (whk_ and 12 characters).");
  if (id === ENV_JSON_ID || id === ENV_SLACK_ID) {
    return jsonError("forbidden", "This endpoint comes from the server's environment: change it there.");
  }
  return id;
}

function notFound() {
  return jsonError("not_found", "There is no webhook endpoint with that id.");
}
