import { z } from "zod";

import { checkTaskId } from "@/lib/happyhorse/task-id";
import { handleApi } from "@/lib/server/api-handler";
import { patchTaskBodySchema } from "@/lib/server/api-schemas";
import { json, jsonError, readJsonBody } from "@/lib/server/http";
import { setTaskLabel, untrackTask } from "@/lib/server/registry";
import { loadTaskDetail } from "@/lib/server/tasks-service";

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
    const check = checkTaskId((await params).id);
    if (!check.ok) return jsonError(400, "invalid_id", check.reason);
    const result = await loadTaskDetail(runtime, check.id);
    return result.ok ? json(result.body) : jsonError(result.status, result.code, result.message);
  });
}

/** Edits a tracked task: `{ "label": "…" }` sets its label, `""` or null clears it. */
export function PATCH(request: Request, { params }: TaskRouteContext) {
  return handleApi(request, async ({ runtime }) => {
    const check = checkTaskId((await params).id);
    if (!check.ok) return jsonError(400, "invalid_id", check.reason);
    const body = await readJsonBody(request, 4096);
    if (!body.ok) return body.response;
    const parsed = patchTaskBodySchema.safeParse(body.value);
    if (!parsed.success) {
      return jsonError(400, "invalid_body", 'Send { "label": "…" }.', z.flattenError(parsed.error));
    }
    const { label } = parsed.data;
    const updated = await setTaskLabel(runtime.db, check.id, label);
    if (!updated) return jsonError(404, "not_tracked", `Paddock is not tracking ${check.id}.`);
    return json({ id: check.id, label });
  });
}

/** Stops tracking a task; its snapshot and history go with it. */
export function DELETE(request: Request, { params }: TaskRouteContext) {
  return handleApi(request, async ({ runtime }) => {
    const check = checkTaskId((await params).id);
    if (!check.ok) return jsonError(400, "invalid_id", check.reason);
    const removed = await untrackTask(runtime.db, check.id);
    if (!removed) return jsonError(404, "not_tracked", `Paddock is not tracking ${check.id}.`);
    runtime.refresher.forget(check.id);
    return new Response(null, { status: 204 });
  });
}
