import { BODY_LIMITS } from "@/lib/api/limits";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseBody, parseTaskId } from "@/lib/server/http/parse";
import { json, jsonError, jsonText } from "@/lib/server/http/respond";
import { editTaskBodySchema } from "@/lib/server/tasks/task-inputs";
import { loadTaskAnswer } from "@/lib/server/tasks/task-reads";
import { setTaskLabel, untrackTask } from "@/lib/server/tasks/task-service";

export const dynamic = "force-dynamic";

interface TaskRouteContext {
  params: Promise<{ id: string }>;
}

/**
 * One task with what the inspector needs. An untracked id is looked up at the gateway without
 * being tracked; 404 when the gateway does not know it.
 */
export function GET(request: Request, { params }: TaskRouteContext) {
  return handleApi(request, async ({ runtime }) => {
    const id = await parseTaskId(params);
    if (!id.ok) return id.response;
    const result = await loadTaskAnswer(runtime, id.value);
    return result.ok ? jsonText(result.text) : jsonError(result.code, result.message);
  });
}

/** Edits a tracked task: `{ "label": "…" }` sets its label, `""` or null clears it. */
export function PATCH(request: Request, { params }: TaskRouteContext) {
  return handleApi(request, async ({ runtime }) => {
    const id = await parseTaskId(params);
    if (!id.ok) return id.response;
    const body = await parseBody(request, editTaskBodySchema, {
      maxBytes: BODY_LIMITS.editTask,
      message: 'Send { "label": "…" }.',
    });
    if (!body.ok) return body.response;
    const { label } = body.value;
    if (!(await setTaskLabel(runtime, id.value, label))) return notTracked(id.value);
    return json({ id: id.value, label });
  });
}

/** Stops tracking a task; its snapshot and history go with it. */
export function DELETE(request: Request, { params }: TaskRouteContext) {
  return handleApi(request, async ({ runtime }) => {
    const id = await parseTaskId(params);
    if (!id.ok) return id.response;
    if (!(await untrackTask(runtime, id.value))) return notTracked(id.value);
    return new Response(null, { status: 204 });
  });
}

function notTracked(id: string) {
  return jsonError("not_tracked", `Paddock is not tracking ${id}.`);
}
