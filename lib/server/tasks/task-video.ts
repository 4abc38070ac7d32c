import "server-only";

import type { ApiErrorCode } from "@/lib/api/errors";
import { isAllowedVideoUrl } from "@/lib/security/video-hosts";
import type { Runtime } from "@/lib/server/runtime";
import { getTask } from "@/lib/server/tasks/task-store";
import { readSnapshot } from "@/lib/server/tasks/tracked-task";
import { toTaskView } from "@/lib/tasks/task-view";

/** A task's video, fetched by Paddock and served as a download under the task's name. */

const VIDEO_TIMEOUT_MS = 30_000;

export type VideoLookup =
  { ok: true; url: string; fileName: string } | { ok: false; code: ApiErrorCode; message: string };

/** Where a task's video is, if Paddock may fetch it: a tracked task's snapshot, or a one-off look. */
export async function findTaskVideo(runtime: Runtime, id: string): Promise<VideoLookup> {
  const row = await getTask(runtime.db, id);
  const now = Date.now();
  let task = row ? readSnapshot(row) : null;
  if (!row) {
    const peeked = await runtime.peek(id);
    task = peeked.ok ? peeked.task : null;
  }
  const video = task ? toTaskView(task, now).video : null;
  if (!video) return { ok: false, code: "no_video", message: "This task has no video (yet)." };
  if (video.expired) {
    return { ok: false, code: "video_expired", message: "The video's 24-hour link has expired." };
  }
  if (!isAllowedVideoUrl(video.url, runtime.env.videoHosts)) {
    return {
      ok: false,
      code: "video_host_refused",
      message: "The video is on a host Paddock is not configured for (PADDOCK_VIDEO_HOSTS).",
    };
  }
  return { ok: true, url: video.url, fileName: videoFileName(id, row?.label ?? null) };
}

/** `asyntask_…-spring-campaign.mp4`: the id, then the label in file-name-safe words. */
export function videoFileName(id: string, label: string | null): string {
  const slug = (label ?? "")
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return slug ? `${id}-${slug}.mp4` : `${id}.mp4`;
}

/** Fetches the video (a Range included) without following redirects; null when it cannot be reached. */
export async function fetchVideo(url: string, range: string | null): Promise<Response | null> {
  try {
    return await fetch(url, {
      headers: range && /^bytes=\d*-\d*$/.test(range) ? { Range: range } : {},
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(VIDEO_TIMEOUT_MS),
    });
  } catch {
    return null;
  }
}
