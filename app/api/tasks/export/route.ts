import { MAX_BULK_TASKS } from "@/lib/api/limits";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseQuery } from "@/lib/server/http/parse";
import { decodeCursor, listTaskWindow } from "@/lib/server/tasks/task-store";
import { toTrackedTask } from "@/lib/server/tasks/tracked-task";
import { boardQuerySchema } from "@/lib/tasks/board-query";
import { TASK_CSV_HEADER, taskCsvRow } from "@/lib/tasks/task-csv";
import { CSV_BOM } from "@/lib/usage/csv";

export const dynamic = "force-dynamic";

const BATCH = 500;

/**
 * Every task the board's filters let through (at most 20,000), as the table's CSV: streamed page
 * by page on the board's own keyset, so memory stays flat whatever the count.
 */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const query = parseQuery(request, boardQuerySchema, "The board filters are not valid.");
    if (!query.ok) return query.response;
    const filters = query.value;
    const encoder = new TextEncoder();
    let cursor: string | null = null;
    let written = 0;
    let started = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(CSV_BOM + TASK_CSV_HEADER));
          return;
        }
        const after = cursor === null ? null : decodeCursor(cursor);
        // A cursor of our own that does not read back would start over from the top: stop instead.
        if (cursor !== null && after === null) {
          controller.error(new Error("The export's cursor did not read back."));
          return;
        }
        const window = await listTaskWindow(runtime.db, filters, Math.min(BATCH, MAX_BULK_TASKS - written), after);
        const now = Date.now();
        controller.enqueue(
          encoder.encode(window.rows.map((row) => taskCsvRow(toTrackedTask(row, now, runtime.env))).join("")),
        );
        written += window.rows.length;
        cursor = window.nextCursor;
        if (cursor === null || written >= MAX_BULK_TASKS) controller.close();
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="paddock-tasks-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
