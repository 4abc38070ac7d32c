import { BODY_LIMITS, MAX_BULK_TASKS } from "@/lib/api/limits";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseBody } from "@/lib/server/http/parse";
import { json, jsonError } from "@/lib/server/http/respond";
import { bulkBodySchema } from "@/lib/server/tasks/task-inputs";
import { actOnTasks } from "@/lib/server/tasks/task-service";
import { listFilteredIds } from "@/lib/server/tasks/task-store";
import { boardQuerySchema } from "@/lib/tasks/board-query";

export const dynamic = "force-dynamic";

/**
 * One action on many tasks: `{ action: "untrack" | "label" | "refresh", ids: [...] }`, or
 * `filter` (the board's filters) instead of ids for every task they let through, up to 20,000.
 * Ids that are not tracked are counted in `matched` and left alone.
 */
export function POST(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const body = await parseBody(request, bulkBodySchema, {
      maxBytes: BODY_LIMITS.bulk,
      message: 'Send { "action": "untrack" | "label" | "refresh", "ids": [...] or "filter": {...}, "label"? }.',
    });
    if (!body.ok) return body.response;
    const { action, filter, expected, label = null } = body.value;
    let ids = body.value.ids ? [...new Set(body.value.ids)] : [];
    if (filter) {
      ids = await listFilteredIds(runtime.db, boardQuerySchema.parse(filter), MAX_BULK_TASKS + 1);
      if (ids.length > MAX_BULK_TASKS) {
        return jsonError(
          "invalid_body",
          `More than ${MAX_BULK_TASKS.toLocaleString("en")} tasks match these filters: narrow them and act in parts.`,
        );
      }
    }
    // The person confirmed a count: tasks that arrived (or left) since are not acted on blindly.
    if (filter && expected !== undefined && ids.length !== expected) {
      return jsonError(
        "selection_changed",
        `These filters now match ${ids.length.toLocaleString("en")} tasks, not the ${expected.toLocaleString("en")} ` +
          "you selected: look at the board again and confirm.",
        { matched: ids.length, expected },
      );
    }
    const done = await actOnTasks(runtime, action, ids, label);
    return json({ action, matched: ids.length, done });
  });
}
