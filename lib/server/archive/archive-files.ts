import "server-only";

import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/**
 * The archive's files on disk, under PADDOCK_ARCHIVE_DIR (a directory every instance shares when
 * several run). A download is written to `.partial/` and renamed into place only once it is
 * whole and checked, so a crash or a restart mid-download never leaves a half video where a
 * saved one is looked for; what is left in `.partial/` is swept.
 */

export interface StoredFile {
  storageKey: string;
  bytes: number;
  sha256: string;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The video is larger than the archive's limit of ${Math.round(maxBytes / 1024 ** 2)} MB per file.`);
  }
}

export interface ArchiveFiles {
  dir: string;
  /** Where a task's video is kept: sharded by a hash, named after the task. */
  keyFor(taskId: string): string;
  /** Streams `body` into the archive under `key`; no file appears under `key` unless it is whole. */
  write(key: string, body: ReadableStream<Uint8Array>, options: WriteOptions): Promise<StoredFile>;
  /** The file's size, or null when it is missing. */
  size(key: string): Promise<number | null>;
  /** Bytes `start` to `end` (inclusive) of the file, as a web stream. */
  read(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array>>;
  remove(key: string): Promise<void>;
  /** Removes partial downloads untouched for `olderThanMs` (left by a crash or a restart). */
  sweepPartials(olderThanMs: number, now: number): Promise<number>;
}

export interface WriteOptions {
  maxBytes: number;
  /** Called as bytes arrive (to keep a claim alive and to notice a stalled host). */
  onProgress?: (bytes: number) => void;
  signal?: AbortSignal;
}

/** Where a task's video is kept: sharded by a hash of its id, named after it. */
export function archiveKeyFor(taskId: string): string {
  const hash = createHash("sha256").update(taskId).digest("hex");
  const safe = taskId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 120);
  return `${hash.slice(0, 2)}/${safe}-${hash.slice(0, 8)}.mp4`;
}

/**
 * Counts and hashes what passes, and stops past `maxBytes`: every storage writes through it.
 * `result()` is the byte count and the SHA-256 once the stream has ended.
 */
export function measuringStream(maxBytes: number, onProgress?: (bytes: number) => void) {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new FileTooLargeError(maxBytes));
      hash.update(chunk);
      onProgress?.(bytes);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ bytes, sha256: hash.digest("hex") }) };
}

export function diskArchive(dir: string): ArchiveFiles {
  const root = path.resolve(dir);
  const partials = path.join(root, ".partial");
  const pathOf = (key: string) => {
    const full = path.resolve(root, key);
    // Keys are made here; this only guards against a row edited by hand.
    if (!full.startsWith(`${root}${path.sep}`)) throw new Error("An archive key points outside the archive.");
    return full;
  };

  return {
    dir: root,
    keyFor: archiveKeyFor,
    async write(key, body, { maxBytes, onProgress, signal }) {
      await mkdir(partials, { recursive: true });
      const partial = path.join(partials, `${randomUUID()}.part`);
      const measured = measuringStream(maxBytes, onProgress);
      try {
        const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
        await pipeline(source, measured.stream, createWriteStream(partial, { flags: "wx", flush: true }), { signal });
        const target = pathOf(key);
        await mkdir(path.dirname(target), { recursive: true });
        await rename(partial, target);
        return { storageKey: key, ...measured.result() };
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async size(key) {
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? info.size : null;
      } catch {
        return null;
      }
    },
    read(key, start, end) {
      return Promise.resolve(
        Readable.toWeb(createReadStream(pathOf(key), { start, end })) as ReadableStream<Uint8Array>,
      );
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async sweepPartials(olderThanMs, now) {
      let removed = 0;
      let names: string[];
      try {
        names = await readdir(partials);
      } catch {
        return 0;
      }
      for (const name of names) {
        const full = path.join(partials, name);
        const info = await stat(full).catch(() => null);
        if (info && now - info.mtimeMs > olderThanMs) {
          await rm(full, { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}
