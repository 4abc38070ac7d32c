import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Harness, startHarness } from "./harness";

/**
 * The attack: one token holder tracks thousands of tasks in seconds and starves everyone's
 * refreshes. Each principal may have a quota of unfinished tasks; past it, a clear 429, while
 * adding what is tracked already stays idempotent.
 */

const TOKEN = "quota-test-token-0123456789abcdef";
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const ids = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => `task_${String(from + index).padStart(32, "0")}`);

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    PADDOCK_PASSWORD: "quota-test-password",
    PADDOCK_API_TOKEN: TOKEN,
    PADDOCK_ACTIVE_TASK_QUOTA: "5",
    PADDOCK_API_RATE_PER_MINUTE: "10000",
  });
});
afterAll(async () => {
  await h.close();
});

describe("the quota of unfinished tasks", () => {
  it("answers 429 quota_exceeded past the quota, tracks nothing of that request, and stays idempotent", async () => {
    const first = await h.request("POST", "/api/tasks", { ids: ids(1, 4) }, AUTH);
    expect(first.status).toBe(201);

    const over = await h.request("POST", "/api/tasks", { ids: ids(5, 3) }, AUTH);
    expect(over.status).toBe(429);
    const body = (await over.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe("quota_exceeded");
    expect(body.error.message).toMatch(/4 unfinished tasks tracked and asked for 3 more; the most .* is 5/);
    expect(body.error.details).toEqual({ quota: 5, active: 4, adding: 3 });

    // Nothing of the refused request was tracked; the same ids again cost nothing.
    const board = (await (await h.request("GET", "/api/tasks", undefined, AUTH)).json()) as { tasks: unknown[] };
    expect(board.tasks).toHaveLength(4);
    const again = await h.request("POST", "/api/tasks", { ids: ids(1, 4) }, AUTH);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { alreadyTracked: number }).alreadyTracked).toBe(4);

    const fits = await h.request("POST", "/api/tasks", { ids: [...ids(1, 4), ...ids(5, 1)] }, AUTH);
    expect(fits.status).toBe(201);
  });
});
