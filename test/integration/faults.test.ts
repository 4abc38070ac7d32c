import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { BoardResponse, TaskResponse } from "@/lib/api/task-schemas";
import type { FaultMode } from "@/lib/simulator/server";

import { type Harness, startHarness, TEST_KEY, until } from "./harness";

// A seeded task that stays active for a minute at time scale 1: the watcher refreshes it every interval.
const ACTIVE_ID = "asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO";
let h: Harness;

beforeAll(async () => {
  // A rejected key is probed once per PADDOCK_KEY_PROBE_SECONDS: short here, so the test recovers soon.
  h = await startHarness({ PADDOCK_KEY_PROBE_SECONDS: "2" });
  await h.request("POST", "/api/tasks", { ids: [ACTIVE_ID] });
});
afterAll(async () => {
  await h.close();
});

async function current(): Promise<TaskResponse["task"]> {
  const response = await h.request("GET", `/api/tasks/${ACTIVE_ID}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as TaskResponse).task;
}

describe("a failing gateway", () => {
  it.each<[FaultMode, string]>([
    ["http_500", "unavailable"],
    ["html", "unavailable"],
    ["rate_limit", "rate_limited"],
    ["malformed", "malformed"],
    ["garbage", "malformed"],
    ["empty", "malformed"],
    ["unauthorized", "unauthorized"],
    ["hang", "timeout"],
  ])("%s: the last snapshot stays, with the error and its age", async (mode, code) => {
    const healthy = await until(current, (task) => task.error === null && task.view !== null);

    h.sim.setFault(mode);
    const failing = await until(current, (task) => task.error?.code === code);
    expect(failing.view?.status.value).toBe(healthy.view?.status.value);
    expect(failing.snapshotAt).toBe(healthy.snapshotAt);
    expect(failing.checkedAt).toBeGreaterThan(healthy.checkedAt ?? 0);
    const board = (await (await h.request("GET", "/api/tasks")).json()) as BoardResponse;
    expect(board.tasks.map((task) => task.id)).toContain(ACTIVE_ID);

    h.sim.setFault("none");
    // Paddock backs off (and honours Retry-After: 2 s here), then recovers by itself.
    const recovered = await until(current, (task) => task.error === null);
    expect(recovered.snapshotAt).toBeGreaterThan(healthy.snapshotAt ?? 0);
  });

  it("reports an unreachable gateway as unavailable and keeps the snapshot", async () => {
    await h.sim.stop();
    const task = await until(current, (current) => current.error?.code === "unavailable");
    expect(task.error?.message).toMatch(/ECONNREFUSED|reach/);
    expect(task.view).not.toBeNull();
  });

  it("never shows the key, even when the gateway echoes it", () => {
    for (const text of h.seen) expect(text).not.toContain(TEST_KEY);
  });
});
