import { checkTaskId } from "@/lib/happyhorse/task-id";
import { gatewayError, inGatewayShape, relayAccess, storedAnswer } from "@/lib/server/generations/relay";
import { handleApi } from "@/lib/server/http/api-handler";
import { noteViewed } from "@/lib/server/tasks/task-service";
import { getTask } from "@/lib/server/tasks/task-store";

export const dynamic = "force-dynamic";

/**
 * The relay's query: answered from Paddock's store, never from the gateway, so a hundred polling
 * scripts cost the gateway one call per task per interval (the watcher's). A task Paddock does
 * not track is unknown here, as the gateway says of an unknown one.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const response = await handleApi(request, async ({ runtime, principal }) => {
    const access = relayAccess(runtime.env, principal, request);
    if (!access.ok) return gatewayError(access.status, access.message);
    const check = checkTaskId((await params).id);
    if (!check.ok) return gatewayError(400, check.reason, "invalid_request");
    const row = await getTask(runtime.db, check.id);
    if (!row) {
      return Response.json(
        { code: "task_not_exist", message: "task_not_exist", data: null },
        { status: 404, headers: { "Cache-Control": "no-store" } },
      );
    }
    // Someone is waiting on it: the watcher asks it before the backlog.
    await noteViewed(runtime, [row]).catch(() => undefined);
    return Response.json(storedAnswer(row), { headers: { "Cache-Control": "no-store" } });
  });
  return inGatewayShape(response);
}
