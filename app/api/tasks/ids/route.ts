import { MAX_BULK_TASKS } from "@/lib/api/limits";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseQuery } from "@/lib/server/http/parse";
import { json } from "@/lib/server/http/respond";
import { countByGroup, listFilteredIds } from "@/lib/server/tasks/task-store";
import { boardQuerySchema } from "@/lib/tasks/board-query";

export const dynamic = "force-dynamic";

/** Every id the board's filters let through, in the board's order (at most 20,000), and how many match. */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const query = parseQuery(request, boardQuerySchema, "The board filters are not valid.");
    if (!query.ok) return query.response;
    const [ids, counts] = await Promise.all([
      listFilteredIds(runtime.db, query.value, MAX_BULK_TASKS),
      countByGroup(runtime.db, query.value),
    ]);
    return json({ ids, total: counts[query.value.status] });
  });
}
