import { checkTaskId } from "@/lib/happyhorse/task-id";
import { UPSTREAM_ERRORS } from "@/lib/happyhorse/upstream-error";
import { json, jsonError } from "@/lib/server/http";
import { untrackTask } from "@/lib/server/registry";
import { loadTrackedTask } from "@/lib/server/tasks-service";
import { withRuntime } from "@/lib/server/with-runtime";
import type { TaskResponse } from "@/lib/tasks/api-types";

export const dynamic = "force-dynamic";

interface TaskRouteContext {
  params: Promise<{ id: string }>;
}

/** One tracked task, fresh within one poll interval; 404 when not tracked or unknown upstream. */
export async function GET(_request: Request, { params }: TaskRouteContext) {
  const check = checkTaskId((await params).id);
  if (!check.ok) return jsonError(400, "invalid_id", check.reason);
  return withRuntime(async (runtime) => {
    const task = await loadTrackedTask(runtime, check.id);
    if (!task) return jsonError(404, "not_tracked", `Paddock is not tracking ${check.id}.`);
    if (!task.view && task.error?.code === "not_found") {
      return jsonError(404, "not_found", UPSTREAM_ERRORS.not_found.title, { task });
    }
    const answer: TaskResponse = {
      task,
      mode: runtime.env.mode,
      pollIntervalMs: runtime.env.pollIntervalMs,
      serverTime: Date.now(),
    };
    return json(answer);
  });
}

/** Stops tracking a task; its snapshot goes with it. */
export async function DELETE(_request: Request, { params }: TaskRouteContext) {
  const check = checkTaskId((await params).id);
  if (!check.ok) return jsonError(400, "invalid_id", check.reason);
  return withRuntime(async (runtime) => {
    const removed = await untrackTask(runtime.db, check.id);
    if (!removed) return jsonError(404, "not_tracked", `Paddock is not tracking ${check.id}.`);
    runtime.refresher.forget(check.id);
    return new Response(null, { status: 204 });
  });
}
