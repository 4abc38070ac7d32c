import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ChangesResponse } from "@/lib/api/change-schemas";
import type { BoardResponse } from "@/lib/api/task-schemas";
import { openDatabase, type PaddockDb } from "@/lib/server/db";
import { changesSince } from "@/lib/server/tasks/change-log";

import { DIALECTS } from "../support/dialects";
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from "../support/postgres";
import { type Harness, startHarness, until } from "./harness";

/**
 * Nobody looks: no board, no inspector, no browser. Tasks are added through the API and then left
 * alone; the watcher alone moves them to the end, and the change log says how, in order.
 */

const STATUS_ORDER = ["NOT_START", "SUBMITTED", "QUEUED", "IN_PROGRESS", "SUCCESS", "FAILURE"];

for (const dialect of DIALECTS) {
  describe(`the watcher with nobody looking (${dialect})`, () => {
    let h: Harness;
    let database: TestDatabase | null = null;
    let db: PaddockDb;

    beforeAll(async () => {
      database = dialect === "postgres" ? await createTestDatabase() : null;
      h = await startHarness({
        SIM_TIME_SCALE: "12",
        PADDOCK_POLL_INTERVAL_MS: "500",
        ...(database ? { DATABASE_URL: database.url, PADDOCK_MIGRATE: "on-start" } : {}),
      });
      const ids = Array.from({ length: 6 }, (_, index) => `asyntask_watcher${dialect}${index}`);
      const added = await h.request("POST", "/api/tasks", { ids: [...ids, "asyntask_watcherFail"] });
      expect(added.status).toBe(201);
      db = await openDatabase(database ? database.url : path.join(h.dbDir, "paddock.db"), { migrate: false });
    });
    afterAll(async () => {
      await db.destroy();
      await h.close();
      await database?.drop();
    });

    it("moves every task to its end and logs each change once, in order", async () => {
      // Read the store directly, as the board would after the fact: nothing asks the API meanwhile.
      const finished = await until(
        () => db.selectFrom("tasks").select(["id", "terminal", "status"]).execute(),
        (rows) => rows.length === 7 && rows.every((row) => row.terminal === 1),
        60_000,
      );
      expect(finished.filter((row) => row.status === "SUCCESS")).toHaveLength(6);
      expect(finished.find((row) => row.id === "asyntask_watcherFail")?.status).toBe("FAILURE");

      const changes = await changesSince(db, 0, 10_000);
      const seqs = changes.map((change) => change.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);

      for (const { id } of finished) {
        const own = changes.filter((change) => change.task_id === id);
        expect(own[0]?.kind).toBe("tracked");
        const states = own.filter((change) => change.kind === "changed");
        // The platform's status never goes backwards, and no state is written twice.
        const ranks = states.map((change) => STATUS_ORDER.indexOf(change.status ?? ""));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        const keys = states.map((change) => `${change.status}/${change.upstream_status}/${change.progress}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(states.at(-1)?.status).toBe(id.endsWith("Fail") ? "FAILURE" : "SUCCESS");
        if (!id.endsWith("Fail")) expect(states.at(-1)?.has_video).toBe(1);
      }
    });

    it("serves the log from a cursor, page by page, and refuses a cursor that is not one", async () => {
      const seen: ChangesResponse["changes"] = [];
      let cursor = 0;
      for (let page = 0; page < 100; page += 1) {
        const response = await h.request("GET", `/api/changes?after=${cursor}&limit=7`);
        expect(response.status).toBe(200);
        const body = (await response.json()) as ChangesResponse;
        seen.push(...body.changes);
        cursor = body.cursor;
        if (!body.more) break;
      }
      expect(seen.length).toBe((await changesSince(db, 0, 10_000)).length);
      expect(seen.map((change) => change.seq)).toEqual([...seen.map((change) => change.seq)].sort((a, b) => a - b));
      expect(seen.filter((change) => change.kind === "tracked")).toHaveLength(7);
      const done = seen.filter((change) => change.kind === "changed" && change.status === "SUCCESS");
      expect(done.every((change) => change.hasVideo === true)).toBe(true);
      // Nothing new after the last page: the cursor stays.
      const after = (await (await h.request("GET", `/api/changes?after=${cursor}`)).json()) as ChangesResponse;
      expect(after).toEqual({ changes: [], cursor, more: false });
      const ahead = await h.request("GET", `/api/changes?after=${cursor + 1000}`);
      expect(ahead.status).toBe(400);
      expect(((await ahead.json()) as { error: { details: unknown } }).error.details).toEqual({ latest: cursor });
      // Only the kinds asked for (what the browser's notifications follow).
      const ending = (await (
        await h.request("GET", "/api/changes?kinds=changed,stopped&limit=1000")
      ).json()) as ChangesResponse;
      expect(ending.changes.length).toBeGreaterThan(0);
      expect(ending.changes.every((change) => change.kind === "changed" || change.kind === "stopped")).toBe(true);
      for (const bad of ["after=-1", "after=abc", "limit=0", "limit=5000", "kinds=changed,nope", "kinds="]) {
        const refused = await h.request("GET", `/api/changes?${bad}`);
        expect(refused.status, bad).toBe(400);
      }
    });

    it("tells the truth about itself on the board", async () => {
      const response = await h.request("GET", "/api/tasks");
      const board = (await response.json()) as BoardResponse;
      expect(board.watcher.running).toBe(true);
      expect(board.watcher.instances).toBeGreaterThanOrEqual(1);
      expect(board.watcher.activeTasks).toBe(0);
      expect(board.watcher.lastPassAt).toBeGreaterThan(Date.now() - 10_000);
      expect(board.watcher.backingOff).toBe(false);
    });
  });
}

describe("a lost PostgreSQL connection", () => {
  let h: Harness;
  let database: TestDatabase;
  let db: PaddockDb;

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await startHarness({
      SIM_TIME_SCALE: "6",
      PADDOCK_POLL_INTERVAL_MS: "300",
      DATABASE_URL: database.url,
      PADDOCK_MIGRATE: "on-start",
    });
    // The first request starts Paddock, which migrates the new database.
    expect((await h.request("GET", "/api/tasks")).status).toBe(200);
    // The test reads through a connection of its own name, so that only Paddock's are cut.
    db = await openDatabase(`${database.url}?application_name=paddock-test-reader`, { migrate: false });
  });
  afterAll(async () => {
    await db.destroy();
    await h.close();
    await database.drop();
  });

  it("is retried: the watcher carries on and no task ends without its final snapshot", async () => {
    const ids = Array.from({ length: 5 }, (_, index) => `asyntask_lostConnection${index}`);
    expect((await h.request("POST", "/api/tasks", { ids })).status).toBe(201);
    await until(
      () => db.selectFrom("tasks").select("progress").execute(),
      (rows) => rows.some((row) => (row.progress ?? 0) > 0),
    );

    // Cut every connection Paddock holds, several times, while its tasks move.
    const name = new URL(database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    let cut = 0;
    try {
      for (let round = 0; round < 4; round += 1) {
        const result = await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'paddock'",
          [name],
        );
        cut += result.rowCount ?? 0;
        // A reader meeting a dropped connection is answered, never with a 500.
        const read = await h.request("GET", "/api/tasks");
        if (read.status !== 200) {
          expect(read.status).toBe(503);
          expect(((await read.json()) as { error: { code: string } }).error.code).toBe("database_unavailable");
        }
        // Let the pool reconnect and the watcher take a few steps between cuts.
        const before = (await db.selectFrom("task_changes").select(db.fn.countAll<number>().as("n")).executeTakeFirst())
          ?.n;
        await until(
          async () =>
            (await db.selectFrom("task_changes").select(db.fn.countAll<number>().as("n")).executeTakeFirst())?.n,
          (now) => Number(now) > Number(before),
        ).catch(() => undefined);
      }
    } finally {
      await admin.end();
    }
    expect(cut).toBeGreaterThan(0);

    const rows = await until(
      () => db.selectFrom("tasks").select(["id", "terminal", "status", "has_video"]).execute(),
      (found) => found.length === 5 && found.every((row) => row.terminal === 1),
      60_000,
    );
    expect(rows.every((row) => row.status === "SUCCESS" && row.has_video === 1)).toBe(true);
    // The log agrees with the rows: each task's last change is its final state.
    const changes = await changesSince(db, 0, 10_000);
    for (const id of ids) {
      const last = changes.filter((change) => change.task_id === id && change.kind === "changed").at(-1);
      expect(last?.status).toBe("SUCCESS");
    }
    const answer = (await (await h.request("GET", "/api/tasks")).json()) as BoardResponse;
    expect(answer.tasks.every((task) => task.view?.status.value === "SUCCESS")).toBe(true);
  });
});
