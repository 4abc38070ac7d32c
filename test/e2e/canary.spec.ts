import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { demoTasks } from "@/lib/simulator/scenarios";

import { expectCleanLogs } from "../support/logs";
import { CANARY_KEY } from "./support/canary";
import { expect, test, useLiveServer } from "./support/fixtures";

const live = useLiveServer(CANARY_KEY);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test.describe("the API key canary (the build was made with it in its environment)", () => {
  test("is in no file under .next/static", () => {
    const files = filesUnder(".next/static");
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(readFileSync(file).includes(CANARY_KEY), file).toBe(false);
  });

  test("is in no server-rendered page and no API response, while Paddock uses it upstream", async () => {
    const ids = demoTasks(Date.now(), 1).map((task) => task.id);
    const bodies: string[] = [];
    const call = async (pathname: string, init?: RequestInit) => {
      const response = await fetch(`${live().server.url}${pathname}`, init);
      bodies.push(await response.text(), JSON.stringify([...response.headers.entries()]));
      return response;
    };
    const json = { "Content-Type": "application/json" };
    expect((await call("/api/tasks", { method: "POST", headers: json, body: JSON.stringify({ ids }) })).status).toBe(
      201,
    );
    expect((await call("/api/tasks")).status).toBe(200);
    expect((await call(`/api/tasks/${ids[0]}`)).status).toBe(200);
    expect((await call("/api/tasks/..%2F..%2Fdashboard%2Fbilling%2Fusage")).status).toBe(400);
    expect((await call("/api/tasks/asyntask_missingCanary")).status).toBe(404);
    expect((await call("/")).status).toBe(200);
    expect((await call("/no-such-page")).status).toBe(404);
    live().sim.setFault("unauthorized");
    await call("/api/tasks");
    live().sim.setFault("none");

    expect(live().sim.stats().calls).toBeGreaterThan(0);
    for (const body of bodies) expect(body).not.toContain(CANARY_KEY);
    expectCleanLogs(live().server.logs.join(""), [CANARY_KEY]);
  });
});
