import { expect, it } from "vitest";

import { changesSince, latestSeq, taskHistory } from "@/lib/server/tasks/change-log";
import { recordRefresh } from "@/lib/server/tasks/task-service";
import { getTask } from "@/lib/server/tasks/task-store";
import { deleteTask, insertTasks, updateLabel } from "@/lib/server/tasks/task-writes";

import { describeEachDialect } from "../support/dialects";
import { taskWith } from "../unit/fixtures";

const ID = "asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya";
const WATCH = { limitMs: 48 * 3_600_000, notFoundGraceMs: 0 };

describeEachDialect("the change log", (db) => {
  it("records each change once, in order, and moves a task's version only when it really changed", async () => {
    expect((await insertTasks(db(), [ID], 1, null)).get(ID)).toBe("added");
    expect((await insertTasks(db(), [ID], 2, null)).get(ID)).toBe("already_tracked");
    const queued = taskWith({ status: "QUEUED", progress: "0%", data: undefined });
    const running50 = taskWith({ status: "IN_PROGRESS", progress: "50%" });
    const running60 = taskWith({ status: "IN_PROGRESS", progress: "60%" });
    const record = (task: typeof queued, answer: number, at: number) =>
      recordRefresh(db(), ID, { ok: true, task, raw: { answer } }, at, WATCH);
    await record(queued, 1, 1000);
    const afterFirst = (await getTask(db(), ID))?.version;
    await record(queued, 2, 2000);
    expect((await getTask(db(), ID))?.version).toBe(afterFirst);
    await record(running50, 3, 3000);
    await record(running50, 4, 4000);
    await record(running60, 5, 5000);
    await record(taskWith({}), 6, 6000);

    expect(await taskHistory(db(), ID)).toEqual([
      { at: 1000, status: "QUEUED", upstream_status: null, progress: 0 },
      { at: 3000, status: "IN_PROGRESS", upstream_status: "SUCCEEDED", progress: 50 },
      { at: 5000, status: "IN_PROGRESS", upstream_status: "SUCCEEDED", progress: 60 },
      { at: 6000, status: "SUCCESS", upstream_status: "SUCCEEDED", progress: 100 },
    ]);
    const row = await getTask(db(), ID);
    expect(row).toMatchObject({ terminal: 1, status_group: "succeeded", snapshot_at: 6000, raw_json: '{"answer":6}' });
    expect(row?.version).toBe(await latestSeq(db()));

    const log = await changesSince(db(), 0, 100);
    expect(log.map((change) => change.kind)).toEqual(["tracked", "changed", "changed", "changed", "changed"]);
    expect(log.map((change) => change.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(log.at(-1)).toMatchObject({ has_video: 1, status: "SUCCESS" });
  });

  it("logs an error once, its recovery, a label and an untracking; a cursor reads what came after it", async () => {
    const id = "task_logKinds1";
    await insertTasks(db(), [id], 10, null);
    const cursor = await latestSeq(db());
    const error = { ok: false as const, error: { code: "timeout" as const, message: "slow" } };
    await recordRefresh(db(), id, error, 11, WATCH);
    await recordRefresh(db(), id, error, 12, WATCH);
    await recordRefresh(db(), id, { ok: true, task: taskWith({ task_id: id }), raw: {} }, 13, WATCH);
    await recordRefresh(db(), id, { ok: true, task: taskWith({ task_id: id }), raw: {} }, 14, WATCH);
    expect(await updateLabel(db(), id, "Ada", 15)).toBe(true);
    const after = await changesSince(db(), cursor, 100);
    expect(after.map((change) => [change.kind, change.detail])).toEqual([
      ["error", "timeout"],
      ["changed", null],
      ["label", "Ada"],
    ]);

    // An untracked task's history goes; a marker stays for those who follow the log.
    expect(await deleteTask(db(), id, 16)).toBe(true);
    expect(await taskHistory(db(), id)).toEqual([]);
    expect((await changesSince(db(), cursor, 100)).map((change) => change.kind)).toEqual(["untracked"]);
  });
});
