import { z } from "zod";

import { handleApi } from "@/lib/server/http/api-handler";
import { parseQuery } from "@/lib/server/http/parse";
import { aggregatesCsv, streamTasksCsv } from "@/lib/server/usage/usage-export";
import { usageQuerySchema } from "@/lib/usage/usage-query";

export const dynamic = "force-dynamic";

const exportQuerySchema = z.intersection(
  z.object({ kind: z.enum(["tasks", "aggregates"], "kind is tasks or aggregates.").default("tasks") }),
  usageQuerySchema,
);

/** `?kind=tasks` streams the filtered tasks; `?kind=aggregates` the page's numbers. UTF-8 CSV with a BOM. */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const query = parseQuery(request, exportQuerySchema, "The export's kind or filters are not valid.");
    if (!query.ok) return query.response;
    const { kind, ...filters } = query.value;
    const body =
      kind === "tasks"
        ? streamTasksCsv(runtime.db, filters)
        : await aggregatesCsv(runtime.db, filters, runtime.env.prices);
    // The file is named for the viewer's day, not the server's.
    const day = new Date(Date.now() + filters.tzOffsetMinutes * 60_000).toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="paddock-${kind}-${day}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
