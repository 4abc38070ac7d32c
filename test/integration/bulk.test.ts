import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { BoardResponse, BulkResponse } from "@/lib/api/task-schemas";

import { type Harness, startHarness } from "./harness";

/** Bulk actions: on the ids picked, or on every task matching the board's filters. */

const idOf = (index: number) => `asyntask_Bulk${String(index).padStart(3, "0")}`;

describe("bulk actions on the board's tasks", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.request("POST", "/api/tasks", { ids: Array.from({ length: 40 }, (_, index) => idOf(index)) });
    await h.request("POST", "/api/tasks", { ids: ["asyntask_Other1", "asyntask_Other2"], label: "other" });
  });
  afterAll(async () => {
    await h.close();
  });

  const act = async (body: unknown) => {
    const response = await h.request("POST", "/api/tasks/bulk", body);
    return { status: response.status, body: (await response.json()) as BulkResponse & { error?: { code: string } } };
  };

  it("labels the ids given, and counts the ones not tracked", async () => {
    const answer = await act({ action: "label", label: "batch", ids: [idOf(0), idOf(1), "asyntask_NotTracked"] });
    expect(answer).toEqual({ status: 200, body: { action: "label", matched: 3, done: 2 } });
    const board = (await (await h.request("GET", "/api/tasks?label=batch")).json()) as BoardResponse;
    expect(board.tasks.map((task) => task.id).sort()).toEqual([idOf(0), idOf(1)]);
  });

  it("acts on every task matching a filter, loaded or not, and lists or exports them", async () => {
    const filter = { q: "bulk00" };
    const ids = (await (await h.request("GET", "/api/tasks/ids?q=bulk00")).json()) as { ids: string[]; total: number };
    expect(ids.total).toBe(10);
    expect(ids.ids).toHaveLength(10);
    const labelled = await act({ action: "label", label: "first ten", filter });
    expect(labelled.body).toEqual({ action: "label", matched: 10, done: 10 });

    const bytes = Buffer.from(await (await h.request("GET", "/api/tasks/export?label=first%20ten")).arrayBuffer());
    // A byte-order mark first, so spreadsheets read UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
    expect(lines[0]).toBe("task_id,status,kind,label,prompt,progress,queue_wait_ms,generation_ms,submitted_at");
    expect(lines).toHaveLength(11);
    expect(lines.slice(1).every((line) => line.includes("first ten"))).toBe(true);

    // A filter acted on with a count that no longer holds is refused: the person confirms again.
    const changed = await act({ action: "untrack", filter, expected: 9 });
    expect(changed.status).toBe(409);
    expect(changed.body.error?.code).toBe("selection_changed");
    // Refresh asks again only for unfinished tasks; untrack removes them all.
    const refreshed = await act({ action: "refresh", filter });
    expect(refreshed.body.matched).toBe(10);
    expect(refreshed.body.done).toBeLessThanOrEqual(10);
    const untracked = await act({ action: "untrack", filter, expected: 10 });
    expect(untracked.body).toEqual({ action: "untrack", matched: 10, done: 10 });
    const after = (await (await h.request("GET", "/api/tasks?q=bulk00")).json()) as BoardResponse;
    expect(after.total).toBe(0);
    // The other tasks are untouched.
    const others = (await (await h.request("GET", "/api/tasks?label=other")).json()) as BoardResponse;
    expect(others.total).toBe(2);
  });

  it("refuses a body that is not one action on ids or a filter", async () => {
    for (const body of [
      { action: "explode", ids: [idOf(2)] },
      { action: "untrack" },
      { action: "untrack", ids: [idOf(2)], filter: {} },
      { action: "label", ids: [idOf(2)] },
      { action: "untrack", ids: [] },
      { action: "untrack", filter: { status: "sideways" } },
      { action: "untrack", ids: "all" },
    ]) {
      const answer = await act(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    const board = (await (await h.request("GET", "/api/tasks?limit=1")).json()) as BoardResponse;
    expect(board.total).toBe(32);
  });
});
