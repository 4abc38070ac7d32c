import { rmSync } from "node:fs";
import path from "node:path";

import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { HealthResponse } from "@/lib/api/health-schemas";
import type { BoardResponse } from "@/lib/api/task-schemas";
import { getRuntime } from "@/lib/server/runtime";

import { type Harness, startHarness, until } from "./harness";

/**
 * The operator's mistakes: the database file deleted under a running Paddock (its open handle
 * would go on writing into a file nobody reads again), and a database that refuses writes. Both
 * are noticed: writes answer 503 and are not acknowledged, the board's answer carries the
 * storage state for its red banner, /api/health says failing, and the log says what happened.
 */

const ids = (n: number) => Array.from({ length: n }, (_, index) => `task_${String(index + 1).padStart(32, "7")}`);
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
  vi.restoreAllMocks();
});

async function board(harness: Harness) {
  return (await (await harness.request("GET", "/api/tasks")).json()) as BoardResponse;
}

describe("the store under operator mistakes", () => {
  it("notices its database file deleted: writes refused with 503, board and health say so, the log too", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    h = await startHarness();
    const [first, second] = ids(2);
    expect((await h.request("POST", "/api/tasks", { ids: [first] })).status).toBe(201);
    expect((await board(h)).storage.state).toBe("ok");

    for (const suffix of ["", "-wal", "-shm"]) rmSync(path.join(h.dbDir, `paddock.db${suffix}`), { force: true });

    const refused = await h.request("POST", "/api/tasks", { ids: [second] });
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("storage_unavailable");
    expect(body.error.message).toMatch(/paddock\.db was deleted while Paddock was running/);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect((await h.request("DELETE", `/api/tasks/${first}`)).status).toBe(503);

    const seen = await board(h);
    expect(seen.storage).toMatchObject({ state: "deleted" });
    expect(seen.storage.since).not.toBeNull();
    expect(seen.tasks.map((task) => task.id)).toEqual([first]); // what was stored is still shown

    const health = await h.request("GET", "/api/health");
    expect(health.status).toBe(503);
    expect(((await health.json()) as HealthResponse).status).toBe("failing");
    expect(errors.mock.calls.map((call) => String(call[0])).join("\n")).toMatch(/"storage_unavailable".*"deleted"/);
  });

  it("notices a database that refuses writes: nothing is acknowledged that was not stored", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const harness = await startHarness();
    h = harness;
    const runtime = await getRuntime();
    const health = (await (await h.request("GET", "/api/health")).json()) as HealthResponse;

    expect(health.status).not.toBe("failing");
    expect(health.store).toMatchObject({ kind: "sqlite", answers: true, storage: { state: "ok" } });

    // The engine now refuses every write, as a read-only file or mount would.
    await sql`pragma query_only = on`.execute(runtime.db);
    const [id] = ids(1);
    const refused = await h.request("POST", "/api/tasks", { ids: [id] });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("storage_unavailable");
    const afterRefusal = await board(h);
    expect(afterRefusal.storage.state).toBe("read_only");
    expect((await board(h)).tasks).toHaveLength(0);

    // Writable again: Paddock takes writes again by itself.
    await sql`pragma query_only = off`.execute(runtime.db);
    await until(
      () => harness.request("POST", "/api/tasks", { ids: [id] }).then((response) => response.status),
      (status) => status === 201,
    );
    expect((await board(h)).storage.state).toBe("ok");
  });
});
