import { changesQuerySchema } from "@/lib/api/change-schemas";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseQuery } from "@/lib/server/http/parse";
import { json, jsonError } from "@/lib/server/http/respond";
import { latestSeq, readChanges } from "@/lib/server/tasks/change-log";

export const dynamic = "force-dynamic";

/** The change log from a cursor: `after` (the last `seq` seen, 0 from the start) and `limit` (1 to 1000). */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const query = parseQuery(request, changesQuerySchema, "The change log's cursor is not valid.");
    if (!query.ok) return query.response;
    // A cursor from the future (a database restored from a backup) would silently skip what comes next.
    const latest = await latestSeq(runtime.db);
    if (query.value.after > latest) {
      return jsonError(
        "invalid_query",
        `The cursor ${query.value.after} is ahead of the log, whose latest change is ${latest}: read on from ${latest}.`,
        { latest },
      );
    }
    return json(await readChanges(runtime.db, query.value));
  });
}
