import { archivedVideoResponse } from "@/lib/server/archive/archived-video";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseTaskId } from "@/lib/server/http/parse";
import { jsonError } from "@/lib/server/http/respond";
import { getTask } from "@/lib/server/tasks/task-store";
import { fetchVideo, findTaskVideo, videoFileName } from "@/lib/server/tasks/task-video";

export const dynamic = "force-dynamic";

interface VideoRouteContext {
  params: Promise<{ id: string }>;
}

const PASSED_HEADERS = ["content-type", "content-length", "content-range", "accept-ranges", "last-modified", "etag"];

/**
 * The task's video through Paddock: its saved copy when the archive has one (long after the
 * gateway's link expired), the gateway's link otherwise. `?download=1` saves it under the task's
 * id and label (Content-Disposition: attachment); Range requests are served so a player can seek.
 */
export function GET(request: Request, { params }: VideoRouteContext) {
  return handleApi(request, async ({ runtime }) => {
    const id = await parseTaskId(params);
    if (!id.ok) return id.response;
    const download = new URL(request.url).searchParams.get("download") === "1";
    const archivedHeaders = new Headers({ "Cache-Control": "private, no-store" });
    const archived = await archivedVideoResponse(runtime, id.value, request, archivedHeaders);
    if (archived) {
      if (download) {
        const task = await getTask(runtime.db, id.value);
        archived.headers.set("Content-Disposition", contentDisposition(videoFileName(id.value, task?.label ?? null)));
      }
      return archived;
    }
    const video = await findTaskVideo(runtime, id.value);
    if (!video.ok) return jsonError(video.code, video.message);
    const upstream = await fetchVideo(video.url, request.headers.get("range"));
    if (!upstream?.ok || !upstream.body) {
      await upstream?.body?.cancel();
      return upstream?.status === 403
        ? jsonError("video_expired", "The video's host refused the link: it has probably expired.")
        : jsonError("video_unavailable", "The video's host did not serve it; try again shortly.");
    }
    const headers = new Headers({ "Cache-Control": "private, no-store" });
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) headers.set(name, value);
    }
    if (!headers.has("content-type")) headers.set("Content-Type", "video/mp4");
    if (download) {
      headers.set("Content-Disposition", contentDisposition(video.fileName));
    }
    return new Response(upstream.body, { status: upstream.status, headers });
  });
}

/** An ASCII file name for old clients and the UTF-8 one (RFC 6266, RFC 5987) for the rest. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
