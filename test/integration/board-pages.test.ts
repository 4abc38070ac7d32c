import { brotliDecompressSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { BoardChanges, BoardResponse } from "@/lib/api/task-schemas";
import type { PaddockDb } from "@/lib/server/db";
import { PRECOMPRESS_REQUEST_HEADER, PRECOMPRESSED_RESPONSE_HEADER } from "@/lib/server/http/encoding";
import { compressedAnswer } from "@/lib/server/http/respond";
import { getRuntime } from "@/lib/server/runtime";
import { boardAnswer } from "@/lib/server/tasks/board-answers";
import { countByGroup, decodeCursor, listActions, listLabels, listTaskWindow } from "@/lib/server/tasks/task-store";
import { insertTasks } from "@/lib/server/tasks/task-writes";
import { BOARD_ORDER_COLUMNS, BOARD_SORTS, type BoardQuery, DEFAULT_BOARD_QUERY } from "@/lib/tasks/board-query";

import { describeEachDialect } from "../support/dialects";
import { type Harness, startHarness } from "./harness";

/** The board's pages: keyset pagination in SQL, counts for the filtered set, and 304 on an idle poll. */

const BASE = Date.UTC(2026, 10, 1);
const idOf = (index: number) => `asyntask_Page${String(index).padStart(5, "0")}`;

async function seed(db: PaddockDb, count: number) {
  await insertTasks(
    db,
    Array.from({ length: count }, (_, index) => idOf(index)),
    BASE,
    null,
  );
  // Submitted times with many ties and some missing (never answered: the board uses added_at).
  for (let index = 0; index < count; index += 1) {
    await db
      .updateTable("tasks")
      .set({
        submitted_at: index % 9 === 0 ? null : BASE - (index % 17) * 60_000,
        added_at: BASE + (index % 5) * 1000,
        status_group: index % 3 === 0 ? "failed" : index % 3 === 1 ? "succeeded" : "active",
        label: index % 4 === 0 ? "client-a" : index % 4 === 1 ? `client-${index % 7}` : null,
        // Some with a decimal, as gateways send "12.5%".
        progress: index % 6 === 0 ? null : ((index * 37) % 101) + (index % 2 === 0 ? 0.5 : 0),
        status: index % 5 === 0 ? null : ["SUCCESS", "FAILURE", "RUNNING", "QUEUED"][index % 4],
      })
      .where("id", "=", idOf(index))
      .execute();
  }
}

async function walk(db: PaddockDb, query: BoardQuery, limit: number, between?: (page: number) => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page += 1) {
    const window = await listTaskWindow(db, query, limit, cursor === null ? null : decodeCursor(cursor));
    seen.push(...window.rows.map((row) => row.id));
    if (window.nextCursor === null) return seen;
    cursor = window.nextCursor;
    await between?.(page);
  }
  throw new Error("the walk did not end");
}

describeEachDialect("board pages", (db) => {
  beforeAll(async () => {
    await seed(db(), 203);
  });

  it("walks every task once, in order, for every sort and page size", async () => {
    for (const sort of BOARD_SORTS) {
      const whole = await walk(db(), { ...DEFAULT_BOARD_QUERY, sort }, 500);
      expect(whole).toHaveLength(203);
      for (const limit of [1, 7, 100]) {
        expect(await walk(db(), { ...DEFAULT_BOARD_QUERY, sort }, limit)).toEqual(whole);
      }
    }
  });

  it("walks every task once for every column order, both ways, whatever the page size", async () => {
    for (const column of BOARD_ORDER_COLUMNS) {
      for (const order of [column, `-${column}`]) {
        const query = { ...DEFAULT_BOARD_QUERY, order };
        const whole = await walk(db(), query, 500);
        expect(whole, order).toHaveLength(203);
        for (const limit of [1, 13]) expect(await walk(db(), query, limit), order).toEqual(whole);
      }
    }
    // Numbers sort as numbers, nulls (as -1) first going up.
    const byProgress = await listTaskWindow(db(), { ...DEFAULT_BOARD_QUERY, order: "-progress" }, 5, null);
    const values = byProgress.rows.map((row) => row.progress ?? -1);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it("skips and repeats nothing while tasks are added and change during the walk", async () => {
    const before = new Set(await walk(db(), DEFAULT_BOARD_QUERY, 500));
    let added = 0;
    const seen = await walk(db(), DEFAULT_BOARD_QUERY, 10, async (page) => {
      // New tasks arrive on top, and finished ones change status (not their place): neither
      // moves the tasks not yet read.
      added += 1;
      await insertTasks(db(), [`asyntask_Late${page}`], BASE + 10_000_000 + page, null);
      await db()
        .updateTable("tasks")
        .set({ status_group: "succeeded" })
        .where("id", "=", idOf(page * 3))
        .execute();
    });
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
    await db().deleteFrom("tasks").where("id", "like", "asyntask_Late%").execute();
    expect(added).toBeGreaterThan(10);
  });

  it("filters in SQL, with counts per status among what the other filters let through", async () => {
    const labelled = { ...DEFAULT_BOARD_QUERY, label: "client-a" };
    const seen = await walk(db(), labelled, 5);
    expect(seen.length).toBe(51);
    const counts = await countByGroup(db(), { ...labelled, status: "failed" });
    expect(counts.all).toBe(51);
    expect(counts.failed + counts.succeeded + counts.active).toBe(51);
    const ranged = { ...DEFAULT_BOARD_QUERY, from: BASE - 3 * 60_000, to: BASE };
    const inRange = await walk(db(), ranged, 50);
    expect(inRange.length).toBeGreaterThan(0);
    for (const id of inRange) {
      const index = Number(id.slice(-5));
      expect(index % 9 !== 0 && index % 17 <= 3 && index % 17 >= 1).toBe(true);
    }
  });
});

describe("the board API's pages", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.request("POST", "/api/tasks", {
      ids: Array.from({ length: 30 }, (_, index) => `asyntask_Api${String(index).padStart(3, "0")}`),
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it("answers a window with the total and a cursor to the next", async () => {
    const first = (await (await h.request("GET", "/api/tasks?limit=12")).json()) as BoardResponse;
    expect(first.tasks).toHaveLength(12);
    expect(first.total).toBe(30);
    expect(first.nextCursor).not.toBeNull();
    const next = (await (
      await h.request("GET", `/api/tasks?limit=12&cursor=${first.nextCursor ?? ""}`)
    ).json()) as BoardResponse;
    expect(next.tasks.map((task) => task.id)).not.toContain(first.tasks[0]?.id);
    expect(next.total).toBe(30);
  });

  it("refuses a cursor it did not give and a page out of bounds, with the reason", async () => {
    const nulCursor = Buffer.from(JSON.stringify([1, "asyntask_a\u0000b"])).toString("base64url");
    for (const query of [
      "cursor=bm90LWEtY3Vyc29y",
      `cursor=${nulCursor}`,
      "limit=0",
      "limit=501",
      "limit=abc",
      `cursor=${"x".repeat(500)}`,
      "q=a%00b",
      "label=%00",
      "order=prompt",
      "order=--id",
      // A cursor of a text order given to a numeric one.
      `order=progress&cursor=${Buffer.from(JSON.stringify(["RUNNING", "asyntask_Api001"])).toString("base64url")}`,
    ]) {
      const response = await h.request("GET", `/api/tasks?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_query");
    }
  });

  it("answers an idle poll with 304 and no body", async () => {
    // Once every task has its first answer (not found, in this simulator), nothing changes.
    let etag = "";
    for (let tries = 0; tries < 300; tries += 1) {
      const response = await h.request("GET", "/api/tasks?limit=50");
      const again = await h.request("GET", "/api/tasks?limit=50", undefined, {
        "if-none-match": response.headers.get("etag") ?? "",
      });
      if (again.status === 304) {
        etag = response.headers.get("etag") ?? "";
        expect(await again.text()).toBe("");
        expect(again.headers.get("etag")).toBe(etag);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const first = await h.request("GET", "/api/tasks?limit=50");
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    // Another filter is another version.
    const other = await h.request("GET", "/api/tasks?limit=50&status=failed", undefined, { "if-none-match": etag });
    expect(other.status).toBe(200);
  });

  it("answers a poll with what changed since a version: changed tasks whole, the ones that left by id", async () => {
    const read = async (url: string) => (await (await h.request("GET", url)).json()) as BoardChanges & BoardResponse;
    const start = await read("/api/tasks?limit=5");
    expect(start.version).toBeGreaterThan(0);
    await h.request("POST", "/api/tasks", { ids: ["asyntask_ApiNew"], label: "fresh" });
    await h.request("PATCH", "/api/tasks/asyntask_Api001", { label: "relabelled" });
    await h.request("DELETE", "/api/tasks/asyntask_Api002");
    const delta = await read(`/api/tasks?since=${start.version}`);
    expect(delta.reset).toBe(false);
    expect(delta.since).toBe(start.version);
    expect(delta.version).toBeGreaterThan(start.version);
    const changed = new Map(delta.tasks.map((task) => [task.id, task]));
    expect(changed.get("asyntask_ApiNew")?.label).toBe("fresh");
    expect(changed.get("asyntask_Api001")?.label).toBe("relabelled");
    expect(delta.removed).toContain("asyntask_Api002");
    expect(delta.total).toBe(30);
    // Under a filter, a task that no longer matches leaves the view.
    const labelled = await read(`/api/tasks?label=fresh&since=${start.version}`);
    expect(labelled.tasks.map((task) => task.id)).toEqual(["asyntask_ApiNew"]);
    expect(labelled.removed).toEqual(expect.arrayContaining(["asyntask_Api001", "asyntask_Api002"]));
    // Nothing since the newest version: nothing in the answer.
    const quiet = await read(`/api/tasks?since=${delta.version}`);
    expect(quiet.tasks.filter((task) => task.id.startsWith("asyntask_ApiNew"))).toHaveLength(quiet.tasks.length);
    expect(quiet.removed).toEqual([]);
  });

  it("refuses a version from the future and one that is not a number", async () => {
    for (const since of ["999999999", "-1", "abc", "1.5"]) {
      const response = await h.request("GET", `/api/tasks?since=${since}`);
      expect(response.status, since).toBe(400);
    }
  });

  it("builds one answer per version and view, whoever asks", async () => {
    const runtime = await getRuntime();
    // Nothing moves meanwhile (the last test of the file): a watcher's refresh would be a new version.
    await runtime.watcher?.stop();
    const request = { query: DEFAULT_BOARD_QUERY, page: { limit: 7, cursor: null }, since: null } as const;
    const answers = await Promise.all([1, 2, 3].map(() => boardAnswer(runtime, request)));
    const texts = answers.map((answer) => (answer.ok ? Buffer.from(answer.answer.bytes).toString() : ""));
    expect(new Set(texts).size).toBe(1);
    const again = await boardAnswer(runtime, request);
    expect(again.ok && again.answer).toBe(answers[0]?.ok && answers[0].answer);
    // A change is a new version: built again.
    await h.request("PATCH", "/api/tasks/asyntask_Api003", { label: "moved on" });
    const after = await boardAnswer(runtime, request);
    expect(after.ok && after.shared).toBe(false);
  });

  it("hands the server a shared answer compressed once for all its viewers, when the server says it may", async () => {
    const runtime = await getRuntime();
    await runtime.watcher?.stop();
    const url = "/api/tasks?limit=40";
    // A client's Accept-Encoding alone: server.ts compresses (the route cannot know it would).
    const plain = await h.request("GET", url, undefined, { "accept-encoding": "br" });
    const text = await plain.text();
    expect(plain.headers.get(PRECOMPRESSED_RESPONSE_HEADER)).toBeNull();
    const viewers = await Promise.all(
      [1, 2, 3].map(() => h.request("GET", url, undefined, { [PRECOMPRESS_REQUEST_HEADER]: "br" })),
    );
    for (const response of viewers) {
      expect(response.headers.get(PRECOMPRESSED_RESPONSE_HEADER)).toBe("br");
      expect(response.headers.get("vary")).toContain("Accept-Encoding");
      expect(response.headers.get("etag")).toBe(plain.headers.get("etag"));
      expect(brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(text);
    }
    // The answer they shared holds its Brotli already: a kept compression is a settled promise,
    // whose callback runs before one queued after it (a new one would need the thread pool first).
    const shared = await boardAnswer(runtime, {
      query: DEFAULT_BOARD_QUERY,
      page: { limit: 40, cursor: null },
      since: null,
    });
    expect(shared.ok && shared.shared).toBe(true);
    if (!shared.ok) return;
    const first = await Promise.race([
      compressedAnswer(shared.answer).then(() => "kept"),
      Promise.resolve().then(() => "made now"),
    ]);
    expect(first).toBe("kept");
    expect(compressedAnswer(shared.answer)).toBe(compressedAnswer(shared.answer));
  });
});

/** The board's pickers: every label and kind in use, read with a skip scan. */
describeEachDialect("board pickers", (db) => {
  it("lists the labels and kinds for the pickers as select distinct would, one index seek per value", async () => {
    const labelled = ["Zoë", "ada", "Ada", "", "b", "Ada", null];
    await insertTasks(
      db(),
      labelled.map((_, index) => idOf(index)),
      BASE,
      null,
    );
    for (const [index, label] of labelled.entries()) {
      await db()
        .updateTable("tasks")
        .set({ label, action: index % 2 ? "kf2v" : "t2v" })
        .where("id", "=", idOf(index))
        .execute();
    }
    for (const [column, list] of [
      ["label", listLabels],
      ["action", listActions],
    ] as const) {
      const expected = await db()
        .selectFrom("tasks")
        .select(column)
        .distinct()
        .where(column, "is not", null)
        .orderBy(column)
        .execute();
      expect(await list(db()), column).toEqual(expected.flatMap((row) => (row[column] ? [row[column]] : [])));
    }
    expect(new Set(await listLabels(db()))).toEqual(new Set(["Ada", "ada", "Zoë", "b"]));
  });
});
