import "server-only";

import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";

import { type ArchiveFiles, archiveKeyFor, measuringStream } from "@/lib/server/archive/archive-files";

/**
 * The archive in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, …), for instances that
 * share no disk. An object appears under its key only when its upload completes (a single PUT, or
 * a multipart upload's last step), so a crash mid-upload leaves no half video to be served; the
 * parts of an abandoned multipart upload are aborted by the sweep.
 */

export interface S3ArchiveConfig {
  bucket: string;
  /** Keys start with it (`videos/`), so the bucket may hold other things. */
  prefix: string;
  region: string;
  /** Another provider's endpoint (MinIO, R2); AWS's own when null. */
  endpoint: string | null;
  forcePathStyle: boolean;
  accessKeyId: string | null;
  secretAccessKey: string | null;
}

export function s3Archive(config: S3ArchiveConfig): ArchiveFiles {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
    // Checksums only where S3 requires them: S3-compatible stores differ in what else they accept.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = config.bucket;
  const notFound = (error: unknown) =>
    error instanceof Error &&
    (error.name === "NotFound" ||
      error.name === "NoSuchKey" ||
      (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404);

  return {
    dir: `s3://${config.bucket}/${config.prefix}`,
    keyFor: (taskId) => `${config.prefix}${archiveKeyFor(taskId)}`,
    async write(key, body, { maxBytes, onProgress, signal }) {
      const measured = measuringStream(maxBytes, onProgress);
      const passing = new PassThrough();
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: passing, ContentType: "video/mp4" },
        leavePartsOnError: false,
      });
      const abort = () => void upload.abort().catch(() => undefined);
      signal?.addEventListener("abort", abort, { once: true });
      try {
        const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
        const feeding = pipeline(source, measured.stream, passing, { signal });
        const uploading = upload.done();
        // A failed feed (cut off, too large, aborted) aborts the upload: no object appears.
        const [fed, uploaded] = await Promise.allSettled([feeding, uploading]);
        if (fed.status === "rejected") {
          abort();
          throw fed.reason;
        }
        if (uploaded.status === "rejected") throw uploaded.reason;
        return { storageKey: key, ...measured.result() };
      } finally {
        signal?.removeEventListener("abort", abort);
      }
    },
    async size(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return head.ContentLength ?? null;
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async read(key, start, end) {
      const answer = await client.send(new GetObjectCommand({ Bucket, Key: key, Range: `bytes=${start}-${end}` }));
      if (!answer.Body) throw new Error("The bucket answered without a body.");
      return answer.Body.transformToWebStream() as ReadableStream<Uint8Array>;
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    async sweepPartials(olderThanMs, now) {
      let removed = 0;
      try {
        const listed = await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: config.prefix }));
        for (const upload of listed.Uploads ?? []) {
          if (!upload.Key || !upload.UploadId || !upload.Initiated) continue;
          if (now - upload.Initiated.getTime() <= olderThanMs) continue;
          await client.send(new AbortMultipartUploadCommand({ Bucket, Key: upload.Key, UploadId: upload.UploadId }));
          removed += 1;
        }
      } catch {
        // Not every S3-compatible store lists uploads; a bucket lifecycle rule can abort them instead.
      }
      return removed;
    },
  };
}
