import { handleApi } from "@/lib/server/http/api-handler";
import { parseQuery } from "@/lib/server/http/parse";
import { json } from "@/lib/server/http/respond";
import { computeUsage } from "@/lib/server/usage/usage-store";
import { usageQuerySchema } from "@/lib/usage/usage-query";

export const dynamic = "force-dynamic";

/** Aggregates for the usage review: `from`/`to` in epoch ms, `tz` the viewer's UTC offset in minutes. */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const query = parseQuery(request, usageQuerySchema, "The usage filters are not valid.");
    if (!query.ok) return query.response;
    return json(await computeUsage(runtime.db, query.value, runtime.env.prices));
  });
}
