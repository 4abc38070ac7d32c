import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { BoardResponse, TaskResponse, TrackResponse } from "@/lib/api/task-schemas";
import { demoTasks, DOCUMENTED_TASK_ID } from "@/lib/simulator/scenarios";

import { type Harness, startHarness, TEST_KEY, until } from "./harness";

const DEMO_IDS = [...demoTasks(Date.now(), 1).map((task) => task.id), DOCUMENTED_TASK_ID];

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function board(query = ""): Promise<BoardResponse> {
  const response = await h.request("GET", `/api/tasks${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as BoardResponse;
}

describe("tracking", () => {
  it("tracks ids idempotently and answers per id", async () => {
    const first = await h.request("POST", "/api/tasks", { ids: DEMO_IDS });
    expect(first.status).toBe(201);
    const body = (await first.json()) as TrackResponse;
    expect(body.added).toBe(DEMO_IDS.length);

    const again = await h.request("POST", "/api/tasks", {
      ids: [DEMO_IDS[0], "asyntask_../../x", "nope", DEMO_IDS[0]],
    });
    expect(again.status).toBe(200);
    const answer = (await again.json()) as TrackResponse;
    expect(answer.results).toEqual([
      { id: DEMO_IDS[0], outcome: "already_tracked" },
      { id: "asyntask_../../x", outcome: "invalid", reason: expect.stringContaining("only letters") },
      { id: "nope", outcome: "invalid", reason: expect.stringContaining("asyntask_") },
    ]);
  });

  it("shows every tracked task on the board with counts", async () => {
    // The watcher answers for every new task at once; nobody has to look.
    const data = await until(board, (answer) => answer.tasks.every((task) => task.view !== null));
    expect(data.tasks).toHaveLength(DEMO_IDS.length);
    expect(data.counts.all).toBe(DEMO_IDS.length);
    expect(data.counts.failed).toBe(5);
    expect(data.counts.succeeded).toBe(4);
    expect(data.counts.active).toBe(5);
    expect(data.mode).toBe("live");
    expect(data.actions).toEqual(expect.arrayContaining(["generate", "omniGenerate", "remixGenerate"]));
    const documented = data.tasks.find((task) => task.id === DOCUMENTED_TASK_ID);
    expect(documented?.view?.durations.generationMs).toBe(81_533);
  });
});

describe("upstream economy", () => {
  it("costs the gateway one call per active task per interval, however many viewers ask", async () => {
    h.sim.resetStats();
    const started = Date.now();
    // Twenty viewers poll the board once an interval for three intervals: they read the store, the watcher calls.
    const viewer = async () => {
      while (Date.now() - started < 3_000) {
        await board();
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    };
    await Promise.all(Array.from({ length: 20 }, viewer));
    const intervals = (Date.now() - started) / 1000;
    const active = (await board()).counts.active;
    expect(active).toBeGreaterThan(0);
    for (const count of Object.values(h.sim.stats().byId)) expect(count).toBeLessThanOrEqual(Math.ceil(intervals) + 1);
  });

  it("never fetches a terminal task again", async () => {
    const terminal = (await board()).tasks.filter((task) => task.view?.status.terminal).map((task) => task.id);
    expect(terminal.length).toBeGreaterThanOrEqual(9);
    h.sim.resetStats();
    // Wait for a full watcher cycle after the reset: an active task is asked about again.
    await until(
      async () => h.sim.stats().byId,
      (byId) => Object.keys(byId).length > 0,
    );
    await until(board, (answer) => (answer.watcher.lastPassAt ?? 0) > Date.now() - 500);
    await h.request("GET", `/api/tasks/${terminal[0]}`);
    const byId = h.sim.stats().byId;
    for (const id of terminal) expect(byId[id]).toBeUndefined();
  });
});

describe("filters", () => {
  it("filters by status group, action and text, and sorts", async () => {
    const moderated = await board("?category=ip_infringement");
    expect(moderated.tasks.map((task) => task.id)).toEqual(["asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg"]);
    expect((await h.request("GET", "/api/tasks?category=bogus")).status).toBe(400);

    const failed = await board("?status=failed");
    expect(failed.tasks.every((task) => task.view?.group === "failed")).toBe(true);
    expect(failed.tasks).toHaveLength(5);

    const edits = await board("?action=omniGenerate");
    expect(edits.tasks.map((task) => task.view?.action.value)).toEqual(["omniGenerate", "omniGenerate"]);

    const search = await board("?q=SUPERHERO");
    expect(search.tasks.map((task) => task.id)).toEqual(["asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg"]);
    expect((await board("?q=jwgfhsG0")).tasks.map((task) => task.id)).toEqual([DOCUMENTED_TASK_ID]);
    expect((await board("?q=%25")).tasks).toHaveLength(0);

    const oldest = await board("?sort=oldest");
    expect(oldest.tasks[0]?.id).toBe(DOCUMENTED_TASK_ID);
  });

  it("answers 400 for filters it does not know", async () => {
    for (const query of ["?status=everything", "?sort=random", "?action=../x", `?q=${"x".repeat(201)}`]) {
      const response = await h.request("GET", `/api/tasks${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_query");
    }
  });
});

describe("one task", () => {
  it("answers a tracked task with its history and inspection flags", async () => {
    const response = await h.request("GET", `/api/tasks/${DOCUMENTED_TASK_ID}`);
    expect(response.status).toBe(200);
    const detail = (await response.json()) as TaskResponse;
    expect(detail.tracked).toBe(true);
    expect(detail.task.view?.status.value).toBe("SUCCESS");
    expect(detail.history).toEqual([
      { at: expect.any(Number), status: "SUCCESS", upstreamStatus: "SUCCEEDED", progress: 100 },
    ]);
    expect(detail.task.inspection).toEqual({ disagreement: null, stuck: null });
    expect((detail.raw as { data: { task_id: string } }).data.task_id).toBe(DOCUMENTED_TASK_ID);

    const stuck = (await (
      await h.request("GET", "/api/tasks/asyntask_De1f8rESQedUStPKR0CsTy4Qwb8DwkNh")
    ).json()) as TaskResponse;
    expect(stuck.task.inspection.disagreement).toMatchObject({ platform: "IN_PROGRESS", upstream: "SUCCEEDED" });
    expect(stuck.task.inspection.stuck?.thresholdMs).toBe(10 * 60_000);

    const moderated = (await (
      await h.request("GET", "/api/tasks/asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg")
    ).json()) as TaskResponse;
    expect(moderated.task.view?.failure).toMatchObject({ category: "ip_infringement", code: "IPInfringementSuspect" });
  });

  it("answers a finished task the same from its shared answer, and a change at once", async () => {
    const read = async () =>
      (await (await h.request("GET", `/api/tasks/${DOCUMENTED_TASK_ID}`)).json()) as TaskResponse;
    const first = await read();
    expect(first.task.view?.status.terminal).toBe(true);
    // Read again within the second: the same task, raw answer and history, with a clock of its own.
    const again = await read();
    expect({ ...again, serverTime: 0, watcher: null }).toEqual({ ...first, serverTime: 0, watcher: null });
    expect(again.serverTime).toBeGreaterThanOrEqual(first.serverTime);
    // A label moves the task's version: the next read says so, however recent the shared answer.
    expect((await h.request("PATCH", `/api/tasks/${DOCUMENTED_TASK_ID}`, { label: "Shared answer" })).status).toBe(200);
    expect((await read()).task.label).toBe("Shared answer");
    expect((await h.request("PATCH", `/api/tasks/${DOCUMENTED_TASK_ID}`, { label: null })).status).toBe(200);
    expect((await read()).task.label).toBeNull();
  });

  it("inspects an untracked id without tracking it", async () => {
    h.sim.resetStats();
    const first = await h.request("GET", "/api/tasks/asyntask_InspectOnly1");
    expect(first.status).toBe(200);
    const detail = (await first.json()) as TaskResponse;
    expect(detail).toMatchObject({ tracked: false, history: [], task: { addedAt: null } });
    expect(detail.task.view?.status.value).toBe("NOT_START");
    // Repeated looks within the interval share one gateway call, and the registry stays untouched.
    await Promise.all([1, 2, 3].map(() => h.request("GET", "/api/tasks/asyntask_InspectOnly1")));
    expect(h.sim.stats().byId["asyntask_InspectOnly1"]).toBe(1);
    expect((await board()).tasks.some((task) => task.id === "asyntask_InspectOnly1")).toBe(false);

    const unknown = await h.request("GET", "/api/tasks/asyntask_missingUntracked");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("records each status or progress change once, as it sees it", async () => {
    const id = "asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO";
    const detail = (await (await h.request("GET", `/api/tasks/${id}`)).json()) as TaskResponse;
    const keys = detail.history.map((event) => `${event.status}/${event.upstreamStatus}/${event.progress}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(detail.history.length).toBeGreaterThanOrEqual(1);
  });

  it("reads a task's history again once the task changed, not the history of an earlier read", async () => {
    const id = "asyntask_HistoryGrows1";
    await h.request("POST", "/api/tasks", { ids: [id] });
    const read = async () => (await (await h.request("GET", `/api/tasks/${id}`)).json()) as TaskResponse;
    const first = await read();
    // Read on every poll while the watcher records the task's first moves.
    const later = await until(read, (detail) => detail.history.length > first.history.length);
    expect(later.history.slice(0, first.history.length)).toEqual(first.history);
    expect(later.history.at(-1)?.status).toBe(later.task.view?.status.value);
  });

  it("answers a tracked task the gateway does not know with that error, and no gateway failure", async () => {
    await h.request("POST", "/api/tasks", { ids: ["asyntask_missingTask1"] });
    const read = async () => {
      const response = await h.request("GET", "/api/tasks/asyntask_missingTask1");
      expect(response.status).toBe(200);
      return (await response.json()) as TaskResponse;
    };
    const detail = await until(read, (answer) => answer.task.error !== null);
    expect(detail.task).toMatchObject({ view: null, stopped: null, error: { code: "not_found" } });
    expect(detail.gateway.state).toBe("ok");
  });

  it("untracks a task", async () => {
    expect((await h.request("DELETE", "/api/tasks/asyntask_missingTask1")).status).toBe(204);
    expect((await h.request("DELETE", "/api/tasks/asyntask_missingTask1")).status).toBe(404);
    expect((await board()).tasks.some((task) => task.id === "asyntask_missingTask1")).toBe(false);
  });
});

describe("hostile ids", () => {
  it.each([
    "../../dashboard/billing/usage",
    "..%2F..%2Fdashboard%2Fbilling%2Fusage",
    "asyntask_abc%2F..%2F..%2Fusage",
    "%2e%2e%2F%2e%2e%2Fdashboard",
    "asyntask_%00",
  ])("%s gets 400 and no upstream call", async (id) => {
    h.sim.resetStats();
    const response = await h.request("GET", `/api/tasks/${encodeURIComponent(decodeURIComponent(id))}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_id");
    const tracked = await h.request("POST", "/api/tasks", { ids: [decodeURIComponent(id)] });
    expect(tracked.status).toBe(400);
    expect(((await tracked.json()) as { error: { code: string } }).error.code).toBe("invalid_ids");
    expect((await h.request("DELETE", `/api/tasks/${encodeURIComponent(decodeURIComponent(id))}`)).status).toBe(400);
    expect(h.sim.stats().calls).toBe(0);
  });
});

describe("bad bodies", () => {
  it.each([
    ["broken JSON", '{"ids": [', 400, "invalid_json"],
    ["ids not an array", { ids: "asyntask_a" }, 400, "invalid_body"],
    ["ids of numbers", { ids: [1, 2] }, 400, "invalid_body"],
    ["no ids", { ids: [] }, 400, "invalid_body"],
    ["a bare array", ["asyntask_a"], 400, "invalid_body"],
    ["too many ids", { ids: Array.from({ length: 501 }, (_, i) => `asyntask_x${i}`) }, 400, "invalid_body"],
    ["a body over the limit", { ids: [`asyntask_${"a".repeat(70_000)}`] }, 413, "body_too_large"],
  ])("%s → %d %s", async (_name, body, status, code) => {
    const response = await h.request("POST", "/api/tasks", body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it("refuses a body that is not JSON", async () => {
    const response = await h.request("POST", "/api/tasks", "ids=asyntask_a", { "Content-Type": "text/plain" });
    expect(response.status).toBe(415);
  });
});

describe("secrets", () => {
  it("never puts the API key in a response", () => {
    expect(h.seen.length).toBeGreaterThan(50);
    for (const text of h.seen) expect(text).not.toContain(TEST_KEY);
  });
});
