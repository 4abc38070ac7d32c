import { handleApi } from "@/lib/server/http/api-handler";
import { json, jsonError } from "@/lib/server/http/respond";
import { WEBHOOK_ID } from "@/lib/server/webhooks/webhook-inputs";
import { findEndpoint, sendTestEvent } from "@/lib/server/webhooks/webhook-settings";

export const dynamic = "force-dynamic";

/**
 * Sends a test event to one endpoint now and says how the receiver answered (in the body: the
 * request itself succeeded whatever the receiver said). The attempt is in the delivery log.
 */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleApi(request, async ({ runtime }) => {
    const { id } = await params;
    if (!WEBHOOK_ID.test(id)) return jsonError("invalid_id", "That is not a webhook endpoint id.");
    const endpoint = await findEndpoint(runtime, id);
    if (!endpoint) return jsonError("not_found", "There is no webhook endpoint with that id.");
    return json(await sendTestEvent(runtime, endpoint));
  });
}
