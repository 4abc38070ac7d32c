import { z } from "zod";

import { usageQuerySchema } from "@/lib/server/api-schemas";
import { json, jsonError } from "@/lib/server/http";
import { computeUsage } from "@/lib/server/usage";
import { withRuntime } from "@/lib/server/with-runtime";

export const dynamic = "force-dynamic";

/** Aggregates for the usage review: `from`/`to` in epoch ms, `tz` the viewer's UTC offset in minutes. */
export async function GET(request: Request) {
  const parsed = usageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return jsonError(400, "invalid_query", "The usage filters are not valid.", z.flattenError(parsed.error));
  }
  const query = parsed.data;
  return withRuntime(async (runtime) => json(await computeUsage(runtime.db, query, runtime.env.prices)));
}
