import { archiveTotals } from "@/lib/server/archive/archive-store";
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
    const { archive } = runtime.env;
    const [usage, saved] = await Promise.all([
      computeUsage(runtime.db, query.value, runtime.env.prices),
      archive ? archiveTotals(runtime.db) : null,
    ]);
    return json({
      ...usage,
      archive:
        archive && saved
          ? {
              ...saved,
              maxBytes: archive.maxBytes,
              keepDays: archive.keepMs === null ? null : Math.round(archive.keepMs / 86_400_000),
            }
          : null,
    });
  });
}
