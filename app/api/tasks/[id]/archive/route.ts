import { rebook } from "@/lib/server/archive/archive-store";
import { removeSavedCopy } from "@/lib/server/archive/archiver";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseTaskId } from "@/lib/server/http/parse";
import { json, jsonError } from "@/lib/server/http/respond";
import type { Runtime } from "@/lib/server/runtime";
import { getTask } from "@/lib/server/tasks/task-store";

export const dynamic = "force-dynamic";

interface ArchiveRouteContext {
  params: Promise<{ id: string }>;
}

/**
 * A task's saved copy. `DELETE` removes the file (the task stays tracked, and its video is not
 * saved again by itself); `POST` saves it again, while the gateway's link still works.
 */
export function DELETE(request: Request, { params }: ArchiveRouteContext) {
  return handleApi(request, async ({ runtime, principal }) => {
    const id = await parseTaskId(params);
    if (!id.ok) return id.response;
    const refused = await refusal(runtime, id.value);
    if (refused) return refused;
    const who = principal?.name ? ` by ${principal.name}` : "";
    const files = runtime.archiveFiles;
    if (
      !files ||
      !(await removeSavedCopy(runtime.db, files, id.value, `Deleted${who} from the inspector.`, Date.now()))
    ) {
      return jsonError("no_archive", "Paddock has no saved copy of this task's video to delete.");
    }
    return new Response(null, { status: 204 });
  });
}

export function POST(request: Request, { params }: ArchiveRouteContext) {
  return handleApi(request, async ({ runtime }) => {
    const id = await parseTaskId(params);
    if (!id.ok) return id.response;
    const refused = await refusal(runtime, id.value);
    if (refused) return refused;
    if (!(await rebook(runtime.db, id.value, Date.now()))) {
      return jsonError("no_archive", "This task's video is being saved or is saved already, or it has no video.");
    }
    runtime.archiver?.wake();
    return json({ id: id.value, state: "saving" }, 202);
  });
}

async function refusal(runtime: Runtime, id: string) {
  if (!runtime.archiveFiles) {
    return jsonError("archive_off", "The archive is off on this server (PADDOCK_ARCHIVE=off).");
  }
  if (!(await getTask(runtime.db, id))) return jsonError("not_tracked", `Paddock is not tracking ${id}.`);
  return null;
}
