import { BODY_LIMITS } from "@/lib/api/limits";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseBody, parseQuery } from "@/lib/server/http/parse";
import { json, jsonError } from "@/lib/server/http/respond";
import { trackBodySchema } from "@/lib/server/tasks/task-inputs";
import { loadBoard } from "@/lib/server/tasks/task-reads";
import { trackTasks } from "@/lib/server/tasks/task-service";
import { boardQuerySchema } from "@/lib/tasks/board-query";

export const dynamic = "force-dynamic";

/** The board: every tracked task with its latest view, refreshed within one poll interval. */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const query = parseQuery(request, boardQuerySchema, "The board filters are not valid.");
    if (!query.ok) return query.response;
    return json(await loadBoard(runtime, query.value));
  });
}

/** Tracks ids; answers per id. Invalid ids are reported and never reach the gateway. */
export function POST(request: Request) {
  return handleApi(request, async ({ runtime, principal }) => {
    const body = await parseBody(request, trackBodySchema, {
      maxBytes: BODY_LIMITS.track,
      message: 'Send { "ids": ["asyntask_…", …] }.',
    });
    if (!body.ok) return body.response;
    const result = await trackTasks(runtime, body.value.ids, body.value.label ?? null, principal);
    if (!result.ok && result.code === "quota_exceeded") {
      const { quota, active, adding } = result;
      return jsonError(
        "quota_exceeded",
        `You have ${active.toLocaleString("en")} unfinished tasks tracked and asked for ${adding.toLocaleString("en")} more; ` +
          `the most one person may have at once is ${quota.toLocaleString("en")} (PADDOCK_ACTIVE_TASK_QUOTA). ` +
          "Untrack some, or wait until some finish.",
        { quota, active, adding },
      );
    }
    if (!result.ok) {
      const reason = result.results[0]?.reason ?? "";
      return jsonError("invalid_ids", `No valid task id: ${reason}`, { results: result.results });
    }
    return json(result.response, result.response.added > 0 ? 201 : 200);
  });
}
