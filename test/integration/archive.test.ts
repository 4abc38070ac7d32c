import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { TaskResponse } from "@/lib/api/task-schemas";
import { diskArchive } from "@/lib/server/archive/archive-files";
import { bookNewVideos, claimDueSaves, getArchive, rebook } from "@/lib/server/archive/archive-store";
import { type ArchiverOptions, createArchiver } from "@/lib/server/archive/archiver";
import { s3Archive } from "@/lib/server/archive/s3-archive";
import { openDatabase, type PaddockDb } from "@/lib/server/db";

import { startBucket } from "../support/bucket";
import { DIALECTS } from "../support/dialects";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { type Harness, startHarness, until } from "./harness";

/**
 * Keep: finished videos are saved from the simulator's real, signed and expiring links, served
 * with byte ranges long after the link died, retried when a download is cut, given up honestly
 * when the link expires first, and removed oldest first by retention.
 */

const CLIP = readFileSync(path.join(process.cwd(), "public", "demo", "horse.mp4"));
const CLIP_SHA = createHash("sha256").update(CLIP).digest("hex");

async function detail(h: Harness, id: string): Promise<TaskResponse> {
  return (await (await h.request("GET", `/api/tasks/${id}`)).json()) as TaskResponse;
}

/** Where the runtime keeps videos: the directory, or an S3-compatible bucket (s3rver, in-process). */
const STORAGES = ["directory", "bucket"] as const;

for (const storage of STORAGES) {
  describe(`the archive, as the runtime runs it (${storage})`, () => {
    let h: Harness;
    let bucket: Awaited<ReturnType<typeof startBucket>> | null = null;
    const id = `asyntask_archiveKeep${storage}`;
    /** The saved videos' contents, by key. */
    const savedVideos = async (): Promise<Buffer[]> => {
      if (bucket) return bucket.objects();
      const dir = path.join(h.dbDir, "videos");
      const names = existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : [];
      expect(names.some((name) => name.endsWith(".part"))).toBe(false);
      return names.filter((name) => name.endsWith(".mp4")).map((name) => readFileSync(path.join(dir, name)));
    };

    beforeAll(async () => {
      bucket = storage === "bucket" ? await startBucket() : null;
      // Links that last 6 s: the test sees the video outlive its link.
      h = await startHarness(
        { SIM_TIME_SCALE: "30", SIM_LINK_MS: "6000", PADDOCK_POLL_INTERVAL_MS: "300", PADDOCK_ARCHIVE: "on" },
        (sim) => ({ PADDOCK_VIDEO_HOSTS: sim.url, ...bucket?.env }),
      );
      expect((await h.request("POST", "/api/tasks", { ids: [id] })).status).toBe(201);
    });
    afterAll(async () => {
      await h.close();
      await bucket?.stop();
    });

    it("saves a finished video whole, with its checksum, and shows it on the task", async () => {
      const task = await until(
        () => detail(h, id),
        (body) => body.task.archive?.state === "saved",
        60_000,
      );
      expect(task.task.archive?.bytes).toBe(CLIP.length);
      const saved = await savedVideos();
      expect(saved).toHaveLength(1);
      expect(
        createHash("sha256")
          .update(saved[0] ?? Buffer.alloc(0))
          .digest("hex"),
      ).toBe(CLIP_SHA);
    });

    it("serves the saved copy with byte ranges, and as a named download", async () => {
      const whole = await h.request("GET", `/api/tasks/${id}/video`);
      expect(whole.status).toBe(200);
      expect(whole.headers.get("x-paddock-source")).toBe("archive");
      expect(whole.headers.get("accept-ranges")).toBe("bytes");
      expect(whole.headers.get("etag")).toBe(`"${CLIP_SHA}"`);
      expect(Buffer.from(await whole.arrayBuffer()).equals(CLIP)).toBe(true);

      const first = await h.request("GET", `/api/tasks/${id}/video`, undefined, { Range: "bytes=0-99" });
      expect(first.status).toBe(206);
      expect(first.headers.get("content-range")).toBe(`bytes 0-99/${CLIP.length}`);
      expect(Buffer.from(await first.arrayBuffer()).equals(CLIP.subarray(0, 100))).toBe(true);

      const open = await h.request("GET", `/api/tasks/${id}/video`, undefined, { Range: "bytes=1000-" });
      expect(open.status).toBe(206);
      expect(Buffer.from(await open.arrayBuffer()).equals(CLIP.subarray(1000))).toBe(true);

      const suffix = await h.request("GET", `/api/tasks/${id}/video`, undefined, { Range: "bytes=-10" });
      expect(suffix.status).toBe(206);
      expect(Buffer.from(await suffix.arrayBuffer()).equals(CLIP.subarray(CLIP.length - 10))).toBe(true);

      const past = await h.request("GET", `/api/tasks/${id}/video`, undefined, { Range: `bytes=${CLIP.length}-` });
      expect(past.status).toBe(416);
      expect(past.headers.get("content-range")).toBe(`bytes */${CLIP.length}`);

      const several = await h.request("GET", `/api/tasks/${id}/video`, undefined, { Range: "bytes=0-1,5-9" });
      expect(several.status).toBe(200);
      await several.body?.cancel();

      const download = await h.request("GET", `/api/tasks/${id}/video?download=1`);
      expect(download.headers.get("content-disposition")).toContain(`filename="${id}.mp4"`);
      await download.body?.cancel();
    });

    it("still plays the video after the gateway's link has expired", async () => {
      await until(
        () => detail(h, id),
        (body) => body.task.view?.video?.expired === true,
        30_000,
      );
      const late = await h.request("GET", `/api/tasks/${id}/video`, undefined, { Range: "bytes=0-9" });
      expect(late.status).toBe(206);
      expect(Buffer.from(await late.arrayBuffer()).equals(CLIP.subarray(0, 10))).toBe(true);
    });

    it("deletes the copy on request, and then serves it no more", async () => {
      expect((await h.request("DELETE", `/api/tasks/${id}/archive`)).status).toBe(204);
      const task = await detail(h, id);
      expect(task.task.archive).toMatchObject({ state: "deleted", detail: "Deleted from the inspector." });
      expect(await savedVideos()).toHaveLength(0);
      // The link has expired too: nothing is left to serve.
      expect((await h.request("GET", `/api/tasks/${id}/video`)).status).toBe(410);
      expect((await h.request("DELETE", `/api/tasks/${id}/archive`)).status).toBe(409);
      expect((await h.request("DELETE", "/api/tasks/asyntask_notTrackedHere/archive")).status).toBe(404);
      expect((await h.request("DELETE", "/api/tasks/..%2Fetc/archive")).status).toBe(400);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`the archiver's attempts (${dialect})`, () => {
    let h: Harness;
    let database: TestDatabase | null = null;
    let db: PaddockDb;
    let dir: string;
    const ids = {
      cut: `asyntask_archiveCut${dialect}`,
      big: `asyntask_archiveBig${dialect}`,
      late: `asyntask_archiveLate${dialect}`,
      shared: [1, 2, 3].map((n) => `asyntask_archiveShared${dialect}${n}`),
    };
    const all = [ids.cut, ids.big, ids.late, ...ids.shared];

    beforeAll(async () => {
      database = dialect === "postgres" ? await createTestDatabase() : null;
      // The runtime's own archiver is off: these tests drive archivers of their own, step by step.
      h = await startHarness({
        SIM_TIME_SCALE: "30",
        PADDOCK_POLL_INTERVAL_MS: "300",
        PADDOCK_ARCHIVE: "off",
        ...(database ? { DATABASE_URL: database.url, PADDOCK_MIGRATE: "on-start" } : {}),
      });
      expect((await h.request("POST", "/api/tasks", { ids: all })).status).toBe(201);
      db = await openDatabase(database ? database.url : path.join(h.dbDir, "paddock.db"), { migrate: false });
      await until(
        () => db.selectFrom("tasks").select(["id", "has_video"]).where("has_video", "=", 1).execute(),
        (rows) => rows.length === all.length,
        60_000,
      );
      // Booked, and each test makes its own tasks due.
      await bookNewVideos(db, Date.now());
      await db.updateTable("video_archive").set({ next_attempt_at: Number.MAX_SAFE_INTEGER }).execute();
    });
    afterAll(async () => {
      await db.destroy();
      await h.close();
      await database?.drop();
    });
    afterEach(() => {
      h.sim.setMediaFault("none");
    });

    const archiver = (overrides: Partial<ArchiverOptions> = {}) => {
      dir ??= mkdtempSync(path.join(tmpdir(), `paddock-archive-${dialect}-`));
      return createArchiver({
        db,
        files: diskArchive(dir),
        instanceId: "test-a",
        videoHosts: [h.sim.url],
        keepMs: null,
        maxBytes: null,
        fileMaxBytes: 10 * 1024 ** 2,
        concurrency: 8,
        retryBaseMs: 1000,
        ...overrides,
      });
    };
    const stateOf = async (id: string) => (await getArchive(db, id))?.state;

    it("books each video once and saves it once, with two instances at work", async () => {
      h.sim.setMediaFault("none");
      const before = h.sim.mediaRequests();
      await db.updateTable("video_archive").set({ next_attempt_at: 0 }).where("task_id", "in", ids.shared).execute();
      const a = archiver({ instanceId: "instance-a" });
      const b = archiver({ instanceId: "instance-b" });
      await Promise.all([a.passOnce(), b.passOnce()]);
      for (const id of ids.shared) expect(await stateOf(id)).toBe("saved");
      expect(h.sim.mediaRequests() - before).toBe(ids.shared.length);
      const booked = await db.selectFrom("video_archive").select("task_id").execute();
      expect(booked.map((row) => row.task_id).sort()).toEqual([...all].sort());
    });

    it("tries again after a download cut off halfway, and keeps no half file", async () => {
      await db.updateTable("video_archive").set({ next_attempt_at: 0 }).where("task_id", "=", ids.cut).execute();
      h.sim.setMediaFault("cut", 1);
      let clock = Date.now();
      const a = archiver({ now: () => clock });
      await a.passOnce();
      const failed = await getArchive(db, ids.cut);
      expect(failed).toMatchObject({
        state: "saving",
        error: "The download was cut off before the whole video arrived.",
      });
      const task = await db.selectFrom("tasks").select(["archive_state", "archive_detail"]).where("id", "=", ids.cut);
      expect(await task.executeTakeFirst()).toMatchObject({ archive_state: "saving", archive_detail: failed?.error });
      expect(
        readdirSync(dir, { recursive: true })
          .map(String)
          .filter((name) => /\.(mp4|part)$/.test(name)),
      ).toEqual(expect.not.arrayContaining([expect.stringContaining(ids.cut)]));
      expect(readdirSync(path.join(dir, ".partial"))).toEqual([]);
      // Not before its back-off…
      await a.passOnce();
      expect(await stateOf(ids.cut)).toBe("saving");
      // …then saved.
      clock += 5_000;
      await a.passOnce();
      expect(await getArchive(db, ids.cut)).toMatchObject({ state: "saved", attempts: 2, sha256: CLIP_SHA });
    });

    it("refuses a file over the size cap, once and for all", async () => {
      await db.updateTable("video_archive").set({ next_attempt_at: 0 }).where("task_id", "=", ids.big).execute();
      const a = archiver({ fileMaxBytes: 1000 });
      await a.passOnce();
      const row = await getArchive(db, ids.big);
      expect(row?.state).toBe("failed");
      expect(row?.error).toContain("larger than the archive's limit");
    });

    it("stops trying once the link expires first, and says so", async () => {
      await db.updateTable("video_archive").set({ next_attempt_at: 0 }).where("task_id", "=", ids.late).execute();
      h.sim.setMediaFault("http_500");
      const row = await db.selectFrom("tasks").select("raw_json").where("id", "=", ids.late).executeTakeFirstOrThrow();
      const expires = Number(/Expires=(\d+)/.exec(row.raw_json ?? "")?.[1]) * 1000;
      // Five minutes before the link expires, the back-off (8 to 12 min) would next try after it.
      let clock = expires - 5 * 60_000;
      const a = archiver({ now: () => clock, retryBaseMs: 10 * 60_000 });
      await a.passOnce();
      const given = await getArchive(db, ids.late);
      expect(given?.state).toBe("failed");
      expect(given?.error).toMatch(/HTTP 500\. The link expires before another attempt/);
      // A person may ask again; past the link's expiry it fails at once, without a download.
      expect(await rebook(db, ids.late, clock)).toBe(true);
      clock = expires + 1000;
      const requests = h.sim.mediaRequests();
      await a.passOnce();
      expect(h.sim.mediaRequests()).toBe(requests);
      expect((await getArchive(db, ids.late))?.error).toBe(
        "The video's link had expired before Paddock could save it.",
      );
    });

    it("takes over a download whose instance died, and sweeps what it left", async () => {
      const victim = ids.shared[0] ?? "";
      await db
        .updateTable("video_archive")
        .set({ state: "saving", next_attempt_at: 0, storage_key: null, saved_at: null })
        .where("task_id", "=", victim)
        .execute();
      const now = Date.now();
      // An instance claimed it, wrote half a file and was killed.
      expect(await claimDueSaves(db, { owner: "dead", now, limit: 1, leaseUntil: now + 60_000 })).toEqual([victim]);
      mkdirSync(path.join(dir, ".partial"), { recursive: true });
      writeFileSync(path.join(dir, ".partial", "crashed.part"), CLIP.subarray(0, 500));
      let clock = now;
      const a = archiver({ now: () => clock });
      await a.passOnce();
      expect((await getArchive(db, victim))?.lease_owner).toBe("dead");
      clock = now + 61_000;
      await a.passOnce();
      expect(await getArchive(db, victim)).toMatchObject({ state: "saved", lease_owner: null });
      clock = now + 10 * 60_000;
      await a.housekeeping();
      expect(existsSync(path.join(dir, ".partial", "crashed.part"))).toBe(false);
    });

    it("removes copies past the keep time, then the oldest beyond the size cap", async () => {
      const saved = await db.selectFrom("video_archive").select(["task_id"]).where("state", "=", "saved").execute();
      expect(saved.length).toBeGreaterThanOrEqual(4);
      const order = saved.map((row) => row.task_id).sort();
      const now = Date.now();
      // Saved a day apart, the first the oldest.
      for (const [index, id] of order.entries()) {
        await db
          .updateTable("video_archive")
          .set({ saved_at: now - (order.length - index) * 86_400_000 })
          .where("task_id", "=", id)
          .execute();
      }
      const capped = archiver({ maxBytes: 2 * CLIP.length, now: () => now });
      await capped.housekeeping();
      const states = async () =>
        Object.fromEntries(
          (
            await db.selectFrom("video_archive").select(["task_id", "state"]).where("task_id", "in", order).execute()
          ).map((row) => [row.task_id, row.state]),
        );
      const afterCap = await states();
      expect(order.slice(0, -2).map((id) => afterCap[id])).toEqual(order.slice(0, -2).map(() => "deleted"));
      expect(order.slice(-2).map((id) => afterCap[id])).toEqual(["saved", "saved"]);
      const row = await db
        .selectFrom("tasks")
        .select("archive_detail")
        .where("id", "=", order[0] ?? "");
      expect((await row.executeTakeFirst())?.archive_detail).toContain("PADDOCK_ARCHIVE_MAX_GB");

      const aged = archiver({ keepMs: 86_400_000 + 1000, now: () => now });
      await aged.housekeeping();
      const afterAge = await states();
      expect(afterAge[order.at(-2) ?? ""]).toBe("deleted");
      expect(afterAge[order.at(-1) ?? ""]).toBe("saved");
      const mp4s = readdirSync(dir, { recursive: true })
        .map(String)
        .filter((name) => name.endsWith(".mp4"));
      expect(mp4s).toHaveLength(1);
    });

    it("removes the files of untracked tasks", async () => {
      const kept = (await db.selectFrom("video_archive").select("task_id").where("state", "=", "saved").execute())[0];
      expect(kept).toBeDefined();
      expect((await h.request("DELETE", `/api/tasks/${kept?.task_id}`)).status).toBe(204);
      await archiver().housekeeping();
      expect(await getArchive(db, kept?.task_id ?? "")).toBeUndefined();
      const mp4s = readdirSync(dir, { recursive: true })
        .map(String)
        .filter((name) => name.endsWith(".mp4"));
      expect(mp4s).toHaveLength(0);
      rmSync(dir, { recursive: true, force: true });
    });
  });
}

describe("the archive's bucket storage", () => {
  it("writes whole objects only, reads byte ranges and removes them", async () => {
    const bucket = await startBucket();
    try {
      const files = s3Archive({
        bucket: bucket.env.PADDOCK_ARCHIVE_S3_BUCKET,
        prefix: "videos/",
        region: "us-east-1",
        endpoint: bucket.env.PADDOCK_ARCHIVE_S3_ENDPOINT,
        forcePathStyle: true,
        accessKeyId: bucket.env.PADDOCK_ARCHIVE_S3_ACCESS_KEY_ID,
        secretAccessKey: bucket.env.PADDOCK_ARCHIVE_S3_SECRET_ACCESS_KEY,
      });
      const streamOf = (bytes: Buffer, cutAfter: number | null = null) =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new Uint8Array(cutAfter === null ? bytes : bytes.subarray(0, cutAfter)));
            if (cutAfter === null) controller.close();
            else controller.error(new Error("connection reset"));
          },
        });
      const key = files.keyFor("asyntask_bucketOne");
      expect(key).toMatch(/^videos\/[0-9a-f]{2}\/asyntask_bucketOne-[0-9a-f]{8}\.mp4$/);

      await expect(files.write(key, streamOf(CLIP, 1000), { maxBytes: 10 * 1024 ** 2 })).rejects.toThrow();
      await expect(files.write(key, streamOf(CLIP), { maxBytes: 100 })).rejects.toThrow(/larger than/);
      expect(await bucket.objects()).toHaveLength(0);
      expect(await files.size(key)).toBeNull();

      expect(await files.write(key, streamOf(CLIP), { maxBytes: 10 * 1024 ** 2 })).toEqual({
        storageKey: key,
        bytes: CLIP.length,
        sha256: CLIP_SHA,
      });
      expect(await files.size(key)).toBe(CLIP.length);
      const part = Buffer.from(await new Response(await files.read(key, 10, 19)).arrayBuffer());
      expect(part.equals(CLIP.subarray(10, 20))).toBe(true);
      await files.remove(key);
      expect(await files.size(key)).toBeNull();
    } finally {
      await bucket.stop();
    }
  });
});
