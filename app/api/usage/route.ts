import { z } from "zod";

import { handleApi } from "@/lib/server/api-handler";
import { usageQuerySchema } from "@/lib/server/api-schemas";
import { json, jsonError } from "@/lib/server/http";
import { computeUsage } from "@/lib/server/usage";

export const dynamic = "force-dynamic";

/** Aggregates for the usage review: `from`/`to` in epoch ms, `tz` the viewer's UTC offset in minutes. */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const parsed = usageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      return jsonError(400, "invalid_query", "The usage filters are not valid.", z.flattenError(parsed.error));
    }
    return json(await computeUsage(runtime.db, parsed.data, runtime.env.prices));
  });
}
