import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect, it } from "vitest";

import { interpretAnswer } from "@/lib/happyhorse/client";
import { recordRefresh } from "@/lib/server/tasks/task-service";
import { getTask } from "@/lib/server/tasks/task-store";
import { deleteTask, insertTasks } from "@/lib/server/tasks/task-writes";
import { toTrackedTask } from "@/lib/server/tasks/tracked-task";

import { describeEachDialect } from "../support/dialects";

/**
 * Every answer of the gateway corpus goes through the store on both engines and comes back as it
 * went in: PostgreSQL's stricter types (bigint, double precision) must take whatever a gateway sends.
 */

interface Fixture {
  httpStatus: number;
  answer: unknown;
  expected: { kind: "task" | "error"; taskId: string | null; status: string | null; progress: number | null };
}

const NOW = Date.UTC(2026, 4, 3, 12);
const DIR = path.join(process.cwd(), "test/fixtures/gateway-answers");
const TASK_FIXTURES = readdirSync(DIR)
  .filter((name) => name.endsWith(".json"))
  .map((name) => [name, JSON.parse(readFileSync(path.join(DIR, name), "utf8")) as Fixture] as const)
  .filter(([, fixture]) => fixture.expected.kind === "task")
  // Each fixture its own moment: a stored answer is known by its task and the time it was seen.
  .map(([name, fixture], index) => [name, fixture, NOW + index * 1000] as const);
const POLICY = { notFoundGraceMs: 180_000, limitMs: 48 * 3_600_000 };

describeEachDialect("the gateway answer corpus in the store", (db) => {
  it.each(TASK_FIXTURES)("%s is stored and read back", async (_name, { httpStatus, answer, expected }, at) => {
    const result = interpretAnswer(httpStatus, null, JSON.stringify(answer));
    if (!result.ok) throw new Error(`Read as an error: ${result.error.code}`);
    const id = result.task.taskId;
    // Some fixtures answer for the same task at different moments: each starts from an empty row.
    await deleteTask(db(), id, at - 2);
    await insertTasks(db(), [id], at - 1, null);
    await recordRefresh(db(), id, result, at, POLICY);
    const row = await getTask(db(), id);
    if (!row) throw new Error("The task was not stored.");
    const tracked = toTrackedTask(row, at, { stuckAfterMs: 30 * 60_000, videoHosts: ["https://*.aliyuncs.com"] });
    expect(tracked.view?.status.value).toBe(expected.status);
    expect(tracked.view?.progress).toBe(expected.progress);
    expect(row.error_code).toBeNull();
  });
});
