import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";

/**
 * An S3-compatible bucket on 127.0.0.1 (s3rver, in-process, files in a temporary directory): the
 * archive's bucket storage is tested against a real S3 wire protocol, with no network.
 */

const BUCKET = "paddock-test";
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export async function startBucket() {
  const directory = mkdtempSync(path.join(tmpdir(), "paddock-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: CREDENTIALS,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  return {
    /** What Paddock needs to use it. */
    env: {
      PADDOCK_ARCHIVE_S3_BUCKET: BUCKET,
      PADDOCK_ARCHIVE_S3_ENDPOINT: endpoint,
      PADDOCK_ARCHIVE_S3_FORCE_PATH_STYLE: "on",
      PADDOCK_ARCHIVE_S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      PADDOCK_ARCHIVE_S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    },
    /** Every object's bytes. */
    async objects(): Promise<Buffer[]> {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      const bodies: Buffer[] = [];
      for (const object of listed.Contents ?? []) {
        const answer = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: object.Key }));
        bodies.push(Buffer.from((await answer.Body?.transformToByteArray()) ?? []));
      }
      return bodies;
    },
    async stop() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
