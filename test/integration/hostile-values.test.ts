import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TaskResponse } from "@/lib/api/task-schemas";
import { readTaskAnswer } from "@/lib/happyhorse/answer";
import { getRuntime } from "@/lib/server/runtime";
import { recordRefresh } from "@/lib/server/tasks/task-service";
import documented from "@/lib/simulator/documented-success.json";

import { type Harness, startHarness } from "./harness";

/**
 * The attack: one out-of-range timestamp from the gateway broke the inspector and emptied the
 * whole team's CSV export. Such a value is now "invalid time" with its raw text, and the export
 * writes the row with an empty time.
 */

const ID = "asyntask_HostileTimes0123456789abcdefABCD";
let h: Harness;

beforeAll(async () => {
  // Nobody refreshes: the stored answer stays the hostile one.
  h = await startHarness({ PADDOCK_WATCHER: "off" });
  expect((await h.request("POST", "/api/tasks", { ids: [ID] })).status).toBe(201);
  const now = Math.floor(Date.now() / 1000);
  const raw = structuredClone(documented) as typeof documented & { data: Record<string, unknown> };
  Object.assign(raw.data, {
    task_id: ID,
    submit_time: now - 120,
    start_time: 1e20,
    finish_time: -1e20,
    result_url: "https://dashscope-a717.oss-accelerate.aliyuncs.com/x.mp4",
  });
  (raw.data.data as { output: Record<string, unknown> }).output.end_time = "9999-99-99 99:99:99";
  const task = readTaskAnswer(raw);
  if (!task) throw new Error("The hostile answer must still read as a task.");
  const runtime = await getRuntime();
  await recordRefresh(runtime.db, ID, { ok: true, task, raw }, Date.now(), runtime.env.watch);
});
afterAll(async () => {
  await h.close();
});

describe("a time value out of range", () => {
  it("is shown as an invalid time with its raw value, and the task still reads", async () => {
    const response = await h.request("GET", `/api/tasks/${ID}`);
    expect(response.status).toBe(200);
    const { task } = (await response.json()) as TaskResponse;
    expect(task.view?.status.value).toBe("SUCCESS");
    expect(task.view?.invalidTimes).toEqual(
      expect.arrayContaining([
        { field: "start_time", raw: "100000000000000000000" },
        { field: "finish_time", raw: "-100000000000000000000" },
      ]),
    );
    const board = await h.request("GET", "/api/tasks");
    expect(board.status).toBe(200);
  });

  it("leaves the time empty in the CSV export, which completes", async () => {
    const exportRoute = await import("@/app/api/usage/export/route");
    const from = Date.now() - 86_400_000;
    const request = new Request(
      `http://paddock.test/api/usage/export?kind=tasks&from=${from}&to=${Date.now() + 60_000}&tz=0`,
    );
    const response = await exportRoute.GET(request);
    expect(response.status).toBe(200);
    const csv = await response.text();
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(ID);
    expect(csv).not.toMatch(/Invalid|NaN|\+0{5}/);
  });
});
