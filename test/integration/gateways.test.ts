import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { BoardResponse, TaskResponse } from "@/lib/api/task-schemas";

import { type Harness, startHarness, until } from "./harness";

/**
 * Ids of all three forms and every answer shape, through the whole path (track → refresh → board
 * → inspector), against the simulator answering as each gateway of the family does.
 */

const IDS = {
  seed: "asyntask_shapeSeed1",
  newApi: "task_NeZDhfDeo4heZr75LOequdV3KvYhPBCK",
  oldNewApi: "5571b262-2e86-49ac-86fb-e33dd98ae7ea",
  openai: "task_openaiShape1",
  flat: "asyntask_flatShape1",
  live: "task_liveShape1",
  failedNewApi: "task_failShape1",
};
const MISSING = "task_missingShape1";
const STALE = "asyntask_staleShape1";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ SIM_TIME_SCALE: "40", PADDOCK_NOT_FOUND_GRACE_SECONDS: "1", PADDOCK_WATCH_HOURS: "1" });
});
afterAll(async () => {
  await h.close();
});

async function board(query = ""): Promise<BoardResponse> {
  const response = await h.request("GET", `/api/tasks${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as BoardResponse;
}

/** Polls the board, as a viewer would, until `done` holds. */
const boardUntil = (done: (data: BoardResponse) => boolean) => until(board, done);

/** Waits until the watcher completed a pass started after now (an interval has gone by). */
async function waitForAPass() {
  const since = Date.now();
  await until(board, (data) => (data.watcher.lastPassAt ?? 0) > since + 1000);
}

describe("every gateway of the family", () => {
  it("tracks ids of all three forms and reads every answer shape to the end", async () => {
    const track = await h.request("POST", "/api/tasks", { ids: [...Object.values(IDS), MISSING, STALE] });
    expect(track.status).toBe(201);

    const finished = (data: BoardResponse) =>
      Object.values(IDS).every((id) => data.tasks.find((task) => task.id === id)?.view?.status.terminal);
    const data = await boardUntil(finished);
    const byId = new Map(data.tasks.map((task) => [task.id, task]));
    for (const id of Object.values(IDS).filter((id) => id !== IDS.failedNewApi)) {
      const task = byId.get(id);
      expect(task?.view?.status.value, id).toBe("SUCCESS");
      expect(task?.view?.video?.url, id).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\//);
      expect(task?.view?.progress, id).toBe(100);
    }
    const failed = byId.get(IDS.failedNewApi)?.view;
    expect(failed?.status.value).toBe("FAILURE");
    expect(failed?.failure).toMatchObject({ category: "moderation", code: "DataInspectionFailed" });

    const detail = (await (await h.request("GET", `/api/tasks/${IDS.oldNewApi.toUpperCase()}`)).json()) as TaskResponse;
    expect(detail.task.id).toBe(IDS.oldNewApi);
    expect(detail.task.view?.ids.upstreamTaskId).toBe(IDS.oldNewApi);
  });

  it("stops watching a task the gateway keeps not knowing, without calling the gateway failing", async () => {
    const data = await boardUntil((board) => board.counts.not_found === 1);
    const missing = data.tasks.find((task) => task.id === MISSING);
    expect(missing?.stopped).toMatchObject({ reason: "not_found" });
    expect(data.gateway.state).toBe("ok");
    expect((await board("?status=not_found")).tasks.map((task) => task.id)).toEqual([MISSING]);

    h.sim.resetStats();
    await waitForAPass();
    expect(h.sim.stats().byId[MISSING]).toBeUndefined();
  });

  it("gives up on a task past the watching limit and stops asking", async () => {
    const data = await boardUntil((board) => board.counts.gave_up === 1);
    expect(data.tasks.find((task) => task.id === STALE)?.stopped).toMatchObject({ reason: "gave_up" });
    h.sim.resetStats();
    await waitForAPass();
    expect(h.sim.stats().byId[STALE]).toBeUndefined();
  });
});
