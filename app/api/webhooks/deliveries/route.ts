import { z } from "zod";

import { handleApi } from "@/lib/server/http/api-handler";
import { parseQuery } from "@/lib/server/http/parse";
import { json } from "@/lib/server/http/respond";
import { recentDeliveries } from "@/lib/server/webhooks/webhook-settings";

export const dynamic = "force-dynamic";

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** The latest delivery attempts, newest first: the Settings page's delivery log. */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const query = parseQuery(request, querySchema, "limit is a whole number from 1 to 200.");
    if (!query.ok) return query.response;
    return json({ deliveries: await recentDeliveries(runtime, query.value.limit) });
  });
}
