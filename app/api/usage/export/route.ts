import { z } from "zod";

import { handleApi } from "@/lib/server/api-handler";
import { usageExportSchema, usageQuerySchema } from "@/lib/server/api-schemas";
import { jsonError } from "@/lib/server/http";
import { aggregatesCsv, streamTasksCsv } from "@/lib/server/usage-export";

export const dynamic = "force-dynamic";

/** `?kind=tasks` streams the filtered tasks; `?kind=aggregates` the page's numbers. UTF-8 CSV with a BOM. */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const params = new URL(request.url).searchParams;
    const kind = usageExportSchema.safeParse(params.get("kind") ?? "tasks");
    if (!kind.success) return jsonError(400, "invalid_query", "kind is tasks or aggregates.");
    params.delete("kind");
    const parsed = usageQuerySchema.safeParse(Object.fromEntries(params));
    if (!parsed.success) {
      return jsonError(400, "invalid_query", "The usage filters are not valid.", z.flattenError(parsed.error));
    }
    const body =
      kind.data === "tasks"
        ? streamTasksCsv(runtime.db, parsed.data)
        : await aggregatesCsv(runtime.db, parsed.data, runtime.env.prices);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="paddock-${kind.data}-${day}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
