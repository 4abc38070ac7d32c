import "server-only";

import { getArchive } from "@/lib/server/archive/archive-store";
import type { Runtime } from "@/lib/server/runtime";
import { getTask } from "@/lib/server/tasks/task-store";

/**
 * A saved copy served as the player and a download need it: whole, or the byte range asked for
 * (206 with Content-Range, so the player can seek; 416 for a range past the end), with its
 * checksum as the ETag. Null when the task has no saved copy: the caller goes to the gateway's
 * link instead.
 */
export async function archivedVideoResponse(
  runtime: Runtime,
  id: string,
  request: Request,
  headers: Headers,
): Promise<Response | null> {
  const files = runtime.archiveFiles;
  if (!files) return null;
  const [archived, task] = await Promise.all([getArchive(runtime.db, id), getTask(runtime.db, id)]);
  // An untracked task's copy is on its way out: it is not served.
  if (!archived || archived.state !== "saved" || !archived.storage_key || !task) return null;
  const size = await files.size(archived.storage_key);
  if (size === null) return null;

  headers.set("Content-Type", "video/mp4");
  headers.set("Accept-Ranges", "bytes");
  if (archived.sha256) headers.set("ETag", `"${archived.sha256}"`);
  if (archived.saved_at !== null) headers.set("Last-Modified", new Date(Number(archived.saved_at)).toUTCString());
  headers.set("X-Paddock-Source", "archive");

  const range = parseRange(request.headers.get("range"), size, request.headers.get("if-range"), archived.sha256);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  if (range === null) {
    headers.set("Content-Length", String(size));
    if (request.method === "HEAD") return new Response(null, { status: 200, headers });
    return new Response(size === 0 ? null : await files.read(archived.storage_key, 0, size - 1), {
      status: 200,
      headers,
    });
  }
  headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
  headers.set("Content-Length", String(range.end - range.start + 1));
  if (request.method === "HEAD") return new Response(null, { status: 206, headers });
  return new Response(await files.read(archived.storage_key, range.start, range.end), { status: 206, headers });
}

/**
 * One byte range (RFC 9110 §14.1.2): `bytes=a-b`, `bytes=a-` or the suffix `bytes=-n`. Several
 * ranges, another unit or a malformed header are served whole (null), as the RFC allows; a
 * stale If-Range too.
 */
export function parseRange(
  header: string | null,
  size: number,
  ifRange: string | null = null,
  sha256: string | null = null,
): { start: number; end: number } | "unsatisfiable" | null {
  if (!header) return null;
  if (ifRange !== null && ifRange !== `"${sha256}"`) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return null;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}
