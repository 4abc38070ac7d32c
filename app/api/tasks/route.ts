import { BODY_LIMITS } from "@/lib/api/limits";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseBody, parseQuery } from "@/lib/server/http/parse";
import { json, jsonError, revalidated } from "@/lib/server/http/respond";
import { boardAnswer } from "@/lib/server/tasks/board-answers";
import { trackBodySchema } from "@/lib/server/tasks/task-inputs";
import { trackTasks } from "@/lib/server/tasks/task-service";
import { boardPageSchema, boardQuerySchema, boardSinceSchema } from "@/lib/tasks/board-query";

export const dynamic = "force-dynamic";

/**
 * The board: one page of the filtered tasks with their latest views, and counts; or, with `since`
 * (a `version` from an earlier answer), only what changed after it. An answer carries an ETag; a
 * poll that finds nothing changed gets 304 with no body (the browser's cache revalidates on its
 * own). Answers are built once per version and view, whoever asks.
 */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const query = parseQuery(request, boardQuerySchema, "The board filters are not valid.");
    if (!query.ok) return query.response;
    const page = parseQuery(
      request,
      boardPageSchema,
      "The board page is not valid (limit 1-500, a cursor from Paddock).",
    );
    if (!page.ok) return page.response;
    const since = parseQuery(request, boardSinceSchema, "since is a board version Paddock gave (a whole number).");
    if (!since.ok) return since.response;
    const board = await boardAnswer(
      runtime,
      since.value.since === null
        ? { query: query.value, page: page.value, since: null }
        : { query: query.value, page: null, since: since.value.since },
    );
    if (!board.ok && board.reason === "bad_cursor") {
      return jsonError("invalid_query", "The cursor is not one Paddock gave: start again from the first page.");
    }
    if (!board.ok) {
      return jsonError(
        "invalid_query",
        `The version ${since.value.since} is ahead of the change log (latest ${board.latest}): read the board again.`,
        { latest: board.latest },
      );
    }
    return revalidated(request, board.answer);
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
