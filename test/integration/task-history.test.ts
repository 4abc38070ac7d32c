import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase, type PaddockDb } from "@/lib/server/db";
import { recordRefresh } from "@/lib/server/tasks/task-service";

const WATCH = { limitMs: 48 * 3_600_000, notFoundGraceMs: 0 };
import { deleteTask, getTask, insertTasks, listTaskEvents } from "@/lib/server/tasks/task-store";

import { taskWith } from "../unit/fixtures";

const ID = "asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya";
let db: PaddockDb;

beforeAll(async () => {
  db = await openDatabase(":memory:");
});
afterAll(async () => {
  await db.destroy();
});

describe("a task's history", () => {
  it("stores an event only when the status or progress moves", async () => {
    expect((await insertTasks(db, [ID], 1, null)).get(ID)).toBe("added");
    expect((await insertTasks(db, [ID], 2, null)).get(ID)).toBe("already_tracked");
    const queued = taskWith({ status: "QUEUED", progress: "0%", data: undefined });
    const running50 = taskWith({ status: "IN_PROGRESS", progress: "50%" });
    const running60 = taskWith({ status: "IN_PROGRESS", progress: "60%" });
    await recordRefresh(db, ID, { ok: true, task: queued, raw: { answer: 1 } }, 1000, WATCH);
    await recordRefresh(db, ID, { ok: true, task: queued, raw: { answer: 2 } }, 2000, WATCH);
    await recordRefresh(db, ID, { ok: true, task: running50, raw: { answer: 3 } }, 3000, WATCH);
    await recordRefresh(db, ID, { ok: true, task: running50, raw: { answer: 4 } }, 4000, WATCH);
    await recordRefresh(db, ID, { ok: true, task: running60, raw: { answer: 5 } }, 5000, WATCH);
    await recordRefresh(db, ID, { ok: true, task: taskWith({}), raw: { answer: 6 } }, 6000, WATCH);

    expect(await listTaskEvents(db, ID)).toEqual([
      { observed_at: 1000, status: "QUEUED", upstream_status: null, progress: 0 },
      { observed_at: 3000, status: "IN_PROGRESS", upstream_status: "SUCCEEDED", progress: 50 },
      { observed_at: 5000, status: "IN_PROGRESS", upstream_status: "SUCCEEDED", progress: 60 },
      { observed_at: 6000, status: "SUCCESS", upstream_status: "SUCCEEDED", progress: 100 },
    ]);
    const row = await getTask(db, ID);
    expect(row).toMatchObject({ terminal: 1, status_group: "succeeded", snapshot_at: 6000, raw_json: '{"answer":6}' });
  });

  it("drops the history with the task", async () => {
    expect(await deleteTask(db, ID)).toBe(true);
    expect(await listTaskEvents(db, ID)).toEqual([]);
  });
});
