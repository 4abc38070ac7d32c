import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import type { BoardResponse } from "@/lib/api/task-schemas";
import { DOCUMENTED_TASK_ID } from "@/lib/simulator/scenarios";

import { resetPaddockGlobals, until } from "./harness";

const dir = mkdtempSync(path.join(tmpdir(), "paddock-demo-"));
const savedEnv = { ...process.env };
afterAll(() => {
  process.env = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startDemo() {
  delete process.env.HAPPYHORSE_API_KEY;
  delete process.env.HAPPYHORSE_BASE_URL;
  Object.assign(process.env, {
    PADDOCK_DB_PATH: path.join(dir, "paddock.db"),
    SIMULATOR_PORT: String(await freePort()),
    PADDOCK_POLL_INTERVAL_MS: "1000",
  });
  resetPaddockGlobals();
  const { getRuntime } = await import("@/lib/server/runtime");
  const { GET, POST } = await import("@/app/api/tasks/route");
  const runtime = await getRuntime();
  return {
    board: async () => (await (await GET(new Request("http://paddock.test/api/tasks"))).json()) as BoardResponse,
    track: (ids: string[]) =>
      POST(
        new Request("http://paddock.test/api/tasks", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ ids }),
        }),
      ),
    async stop() {
      await runtime.close();
      resetPaddockGlobals();
    },
  };
}

describe("demo mode", () => {
  it("starts the simulator, tracks its tasks on first start, and survives a restart", async () => {
    const first = await startDemo();
    const board = await until(first.board, (answer) => answer.tasks.every((task) => task.view !== null));
    expect(board.mode).toBe("demo");
    expect(board.tasks.length).toBeGreaterThanOrEqual(12);
    expect(board.tasks.some((task) => task.id === DOCUMENTED_TASK_ID)).toBe(true);
    const statuses = new Set(board.tasks.map((task) => task.view?.status.value));
    for (const status of ["NOT_START", "QUEUED", "IN_PROGRESS", "SUCCESS", "FAILURE"])
      expect(statuses).toContain(status);

    // A demo user's own changes persist: untracked demo tasks are not seeded again.
    expect((await first.track(["asyntask_myOwnDemoTask1"])).status).toBe(201);
    const { untrackTask } = await import("@/lib/server/tasks/task-service");
    const { getRuntime } = await import("@/lib/server/runtime");
    await untrackTask(await getRuntime(), DOCUMENTED_TASK_ID);
    // The new task's first answer lands before the restart.
    await until(first.board, (answer) =>
      answer.tasks.some((task) => task.id === "asyntask_myOwnDemoTask1" && task.view),
    );
    await first.stop();

    const second = await startDemo();
    const after = await until(second.board, (answer) =>
      answer.tasks.some((task) => task.view?.status.value === "SUCCESS"),
    );
    expect(after.tasks.map((task) => task.id)).toContain("asyntask_myOwnDemoTask1");
    expect(after.tasks.map((task) => task.id)).not.toContain(DOCUMENTED_TASK_ID);
    const succeeded = after.tasks.filter((task) => task.view?.status.value === "SUCCESS");
    expect(succeeded.length).toBeGreaterThan(0);
    await second.stop();
  });
});
