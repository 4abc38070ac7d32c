import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { BoardResponse, TrackResponse } from "@/lib/api/task-schemas";
import type { UsageResponse } from "@/lib/api/usage-schemas";

import { type Harness, startHarness, until } from "./harness";

let h: Harness;
const DONE = "asyntask_9ojfljoQoaF1LlqsajAIxNKu8iS2G8NP"; // a demo task that succeeded hours ago
const FAILED = "asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg";

beforeAll(async () => {
  h = await startHarness({ PADDOCK_PRICE_PER_SECOND_720P: "0.1", PADDOCK_CURRENCY: "EUR" });
  const tracked = await h.request("POST", "/api/tasks", { ids: [DONE, FAILED], label: "  Spring   campaign " });
  expect(((await tracked.json()) as TrackResponse).added).toBe(2);
  await until(
    async () => (await (await h.request("GET", "/api/tasks")).json()) as BoardResponse,
    (board) => board.tasks.every((task) => task.view !== null),
  );
});
afterAll(async () => {
  await h.close();
});

const range = () => `from=${Date.now() - 2 * 86_400_000}&to=${Date.now() + 60_000}&tz=0`;

async function usage(query: string): Promise<UsageResponse> {
  const response = await call("GET", `/api/usage?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as UsageResponse;
}

async function call(method: string, url: string, body?: unknown) {
  const { GET } = await import("@/app/api/usage/route");
  const exportRoute = await import("@/app/api/usage/export/route");
  const { PATCH } = await import("@/app/api/tasks/[id]/route");
  const request = new Request(new URL(url, "http://paddock.test"), {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (url.startsWith("/api/usage/export")) return exportRoute.GET(request);
  if (url.startsWith("/api/usage")) return GET(request);
  const id = decodeURIComponent(url.split("/").pop() ?? "");
  return PATCH(request, { params: Promise.resolve({ id }) });
}

describe("labels", () => {
  it("are set when tracking, normalized, filterable and editable", async () => {
    const board = (await (await h.request("GET", "/api/tasks?label=Spring%20campaign")).json()) as BoardResponse;
    expect(board.tasks.map((task) => task.label)).toEqual(["Spring campaign", "Spring campaign"]);
    expect(board.labels).toEqual(["Spring campaign"]);

    const edited = await call("PATCH", `/api/tasks/${FAILED}`, { label: "Client: Northwind" });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toEqual({ id: FAILED, label: "Client: Northwind" });
    expect((await call("PATCH", `/api/tasks/${FAILED}`, { label: "x".repeat(61) })).status).toBe(400);
    expect((await call("PATCH", `/api/tasks/${FAILED}`, { label: 42 })).status).toBe(400);
    expect((await call("PATCH", "/api/tasks/asyntask_NotTracked", { label: "a" })).status).toBe(404);
    expect((await call("PATCH", "/api/tasks/..%2Fx", { label: "a" })).status).toBe(400);
    const cleared = await call("PATCH", `/api/tasks/${DONE}`, { label: "" });
    expect(await cleared.json()).toEqual({ id: DONE, label: null });
    await call("PATCH", `/api/tasks/${DONE}`, { label: "Spring campaign" });
  });
});

describe("GET /api/usage", () => {
  it("answers the aggregates with the configured price", async () => {
    const result = await call("GET", `/api/usage?${range()}`);
    const data = (await result.json()) as UsageResponse;
    expect(result.status, JSON.stringify(data)).toBe(200);
    expect(data.totals).toMatchObject({ tasks: 2, succeeded: 1, failed: 1, billedSeconds: 5 });
    expect(data.cost).toMatchObject({ currency: "EUR", total: 0.5 });
    expect(data.byLabel.map((bucket) => bucket.key).sort()).toEqual(["Client: Northwind", "Spring campaign"]);
    expect(data.failures).toEqual([{ category: "ip_infringement", count: 1 }]);
    expect((await usage(`${range()}&label=Spring%20campaign`)).totals.tasks).toBe(1);
  });

  it("answers the last 7 days when no period is given", async () => {
    const before = Date.now();
    const data = await usage("tz=0");
    expect(data.period.to).toBeGreaterThanOrEqual(before);
    expect(data.period.to - data.period.from).toBe(7 * 86_400_000);
    expect(data.totals.tasks).toBe(2);
  });

  it("names a CSV for the viewer's day, not the server's", async () => {
    const response = await call("GET", `/api/usage/export?kind=tasks&${range()}&tz=840`);
    const viewerDay = new Date(Date.now() + 840 * 60_000).toISOString().slice(0, 10);
    expect(response.headers.get("content-disposition")).toContain(`paddock-tasks-${viewerDay}.csv`);
  });

  it.each([
    ["to before from", "from=10&to=5"],
    ["a range over 366 days", `from=0&to=${367 * 86_400_000}`],
    ["an unknown tier", `${"from=0&to=10"}&tier=480`],
    ["an unknown status", "from=0&to=10&status=odd"],
    ["a far offset", "from=0&to=10&tz=9999"],
  ])("refuses %s with 400", async (_name, query) => {
    const response = await call("GET", `/api/usage?${query}`);
    expect(response.status).toBe(400);
  });
});

describe("CSV downloads", () => {
  it("stream as UTF-8 CSV attachments", async () => {
    for (const kind of ["tasks", "aggregates"]) {
      const response = await call("GET", `/api/usage/export?kind=${kind}&${range()}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="paddock-${kind}-`));
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
    expect((await call("GET", `/api/usage/export?kind=everything&${range()}`)).status).toBe(400);
  });
});
