import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { BoardResponse } from "@/lib/api/task-schemas";
import type { UsageResponse } from "@/lib/api/usage-schemas";
import { createTaskWith, fetchTaskWith } from "@/lib/happyhorse/client";
import { duplicateOf } from "@/lib/server/generations/duplicate";
import { getRuntime } from "@/lib/server/runtime";

import { from, type Harness, personSession, serveOverHttp, startHarness, until } from "./harness";

/** Starting generations: the form's route, its idempotency, refusals, and the relay for scripts. */

let h: Harness;
const ADDRESS = "198.51.100.40";

beforeAll(async () => {
  h = await startHarness({
    PADDOCK_PASSWORD: "correct horse battery",
    PADDOCK_OIDC_ISSUER: "http://127.0.0.1:9/",
    PADDOCK_OIDC_CLIENT_ID: "paddock",
    // A fast simulator: a generation finishes within seconds.
    SIM_TIME_SCALE: "20",
  });
});
afterAll(async () => {
  await h.close();
});

async function person(subject: string, name: string) {
  const { token } = await personSession(subject, name);
  return { ...from(ADDRESS), cookie: `paddock_session=${token}` };
}

const T2V = { kind: "t2v", prompt: "A horse on a beach at dawn", resolution: "720P", duration: 5, ratio: "16:9" };

describe("starting a generation from Paddock", () => {
  it("creates the task at the gateway and tracks it at once, labelled with the person's name", async () => {
    const ada = await person("ada", "Ada Lovelace");
    const response = await h.request("POST", "/api/generations", T2V, ada);
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { taskId: string; label: string; sent: Record<string, unknown> };
    expect(answer.taskId).toMatch(/^asyntask_[A-Za-z0-9]{32}$/);
    expect(answer.label).toBe("Ada Lovelace");
    expect(answer.sent).toEqual({
      model: "happyhorse-1.0-t2v",
      prompt: T2V.prompt,
      parameters: { resolution: "720P", ratio: "16:9", duration: 5, watermark: false },
    });
    const board = (await (
      await h.request("GET", "/api/tasks?label=Ada%20Lovelace", undefined, ada)
    ).json()) as BoardResponse;
    expect(board.tasks.map((task) => task.id)).toContain(answer.taskId);
  });

  it("keeps what it sent with the task: a duplicate is filled with every field, the first frame and seed included", async () => {
    const ada = await person("ada", "Ada Lovelace");
    const i2v = {
      kind: "i2v",
      prompt: "The horse turns its head",
      resolution: "1080P",
      duration: 6,
      image: "https://example.com/first-frame.png",
      seed: 7,
    };
    const response = await h.request("POST", "/api/generations", i2v, ada);
    expect(response.status).toBe(201);
    const { taskId } = (await response.json()) as { taskId: string };
    const duplicate = await duplicateOf(await getRuntime(), taskId);
    expect(duplicate?.source).toEqual({ from: "request", kindUncertain: false });
    expect(duplicate?.form).toMatchObject({
      kind: "i2v",
      prompt: i2v.prompt,
      image: i2v.image,
      seed: "7",
      duration: "6",
      resolution: "1080P",
    });
    const board = (await (await h.request("GET", `/api/tasks?q=${taskId}`, undefined, ada)).json()) as BoardResponse;
    expect(board.tasks.find((task) => task.id === taskId)?.startedHere).toBe(true);
  });

  it("creates one task for a double submit with the same idempotency key, and answers both alike", async () => {
    const ada = await person("ada", "Ada Lovelace");
    h.sim.resetStats();
    const headers = { ...ada, "idempotency-key": "double-submit-0001" };
    const [first, second] = await Promise.all([
      h.request("POST", "/api/generations", T2V, headers),
      h.request("POST", "/api/generations", T2V, headers),
    ]);
    const statuses = [first.status, second.status].sort();
    // One made it; the other is either the replay or told the first is still under way.
    expect(statuses[1] === 201 || statuses[0] === 201).toBe(true);
    const again = await h.request("POST", "/api/generations", T2V, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const made = (await first.json()) as { taskId?: string };
    const replayed = (await again.json()) as { taskId: string };
    if (made.taskId) expect(replayed.taskId).toBe(made.taskId);
    expect(h.sim.stats().creates).toBe(1);
    // The same key with another request is refused, not replayed.
    const other = await h.request("POST", "/api/generations", { ...T2V, prompt: "Another one" }, headers);
    expect(other.status).toBe(409);
    expect(h.sim.stats().creates).toBe(1);
  });

  it("shows the gateway's refusal in its words and category, and tracks nothing", async () => {
    const ada = await person("ada", "Ada Lovelace");
    const before = (await (await h.request("GET", "/api/tasks?limit=1", undefined, ada)).json()) as BoardResponse;
    const refused = await h.request("POST", "/api/generations", { ...T2V, prompt: "moderation-test please" }, ada);
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; message: string; details: { category: string } } };
    expect(body.error.code).toBe("generation_refused");
    expect(body.error.message).toContain("inappropriate content");
    expect(body.error.details.category).toBe("moderation");
    const quota = await h.request("POST", "/api/generations", { ...T2V, prompt: "quota-test" }, ada);
    expect(((await quota.json()) as { error: { details: { category: string } } }).error.details.category).toBe(
      "account",
    );
    const after = (await (await h.request("GET", "/api/tasks?limit=1", undefined, ada)).json()) as BoardResponse;
    expect(after.total).toBe(before.total);
  });

  it("checks each kind's fields before anything is sent", async () => {
    const ada = await person("ada", "Ada Lovelace");
    h.sim.resetStats();
    for (const body of [
      { ...T2V, ratio: undefined },
      { ...T2V, duration: 16 },
      { ...T2V, prompt: "马".repeat(1501) },
      { kind: "i2v", prompt: "x", resolution: "720P", duration: 5, image: "javascript:alert(1)" },
      { kind: "r2v", prompt: "x", resolution: "720P", duration: 5, ratio: "1:1", images: [] },
      { kind: "edit", prompt: "x", resolution: "4K", duration: 5, video: "https://example.com/a.mp4" },
      { kind: "t2v", prompt: "x", resolution: "720P", duration: 5, ratio: "16:9", extra: true },
    ]) {
      const response = await h.request("POST", "/api/generations", body, ada);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    // 1,500 Chinese characters are 1,500 characters, as the gateway counts them.
    const long = await h.request("POST", "/api/generations", { ...T2V, prompt: "马".repeat(1500) }, ada);
    expect(long.status).toBe(201);
    expect(h.sim.stats().creates).toBe(1);
  });
});

describe("the relay for scripts", () => {
  const headersOf = (token: string) => ({ ...from(ADDRESS), authorization: `Bearer ${token}` });

  async function tokenFor(subject: string, name: string) {
    const session = await person(subject, name);
    const made = await h.request("POST", "/api/tokens", { description: "render script" }, session);
    const { token, created } = (await made.json()) as { token: string; created: { id: string } };
    return { session, id: created.id, token, headers: headersOf(token) };
  }

  it("serves an unchanged gateway client through a new base URL: it creates, then polls fifty times from the store", async () => {
    const { token } = await tokenFor("grace", "Grace Hopper");
    // Paddock's own gateway client, as written for the gateway, pointed at Paddock over HTTP.
    const front = await serveOverHttp(h, from(ADDRESS));
    try {
      const client = { baseUrl: front.url, apiKey: token, timeoutMs: 10_000 };
      const created = await createTaskWith(client, {
        model: "happyhorse-1.0-i2v",
        prompt: "The horse starts to gallop",
        image: "https://example.com/first-frame.png",
        parameters: { resolution: "1080P", duration: 4 },
      });
      if (!created.ok) throw new Error(`create refused: ${created.error.message}`);
      const id = created.taskId;
      expect(id).toMatch(/^asyntask_[A-Za-z0-9]{32}$/);
      h.sim.resetStats();
      const started = Date.now();
      const statuses = new Set<string>();
      for (let poll = 0; poll < 50; poll += 1) {
        const answer = await fetchTaskWith(client, id);
        if (!answer.ok) throw new Error(`poll ${poll} refused: ${answer.error.message}`);
        expect(answer.task.taskId).toBe(id);
        statuses.add(answer.task.status);
        // A script polling every 60 ms: fifty polls over about three of the watcher's intervals.
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      expect(statuses.size).toBeGreaterThan(0);
      // The gateway saw the watcher's calls only: one per interval (1 s here), never the fifty polls.
      const intervals = (Date.now() - started) / 1000;
      const calls = h.sim.stats().byId[id] ?? 0;
      expect(calls).toBeLessThanOrEqual(Math.ceil(intervals) + 1);
      // Polls say what the gateway said: a finished task reads as finished, with its video.
      const done = await until(
        () => fetchTaskWith(client, id),
        (answer) => answer.ok && answer.task.status === "SUCCESS",
      );
      expect(done.ok && done.task.resultUrl).toMatch(/^http/);
    } finally {
      await front.close();
    }
    const board = (await (
      await h.request("GET", "/api/tasks?label=Grace%20Hopper", undefined, await person("grace", "Grace Hopper"))
    ).json()) as BoardResponse;
    expect(board.tasks.map((task) => task.id)).toHaveLength(1);
    // The team lead sees who generated what, without anyone typing a label.
    const now = Date.now();
    const usage = (await (
      await h.request(
        "GET",
        `/api/usage?from=${now - 3_600_000}&to=${now + 3_600_000}&tz=0`,
        undefined,
        headersOf(token),
      )
    ).json()) as UsageResponse;
    expect(usage.byLabel.find((bucket) => bucket.key === "Grace Hopper")).toMatchObject({ tasks: 1, succeeded: 1 });
  });

  it("answers refusals in the gateway's error shape, so a client reads them as it reads the gateway's", async () => {
    const { headers } = await tokenFor("edsger", "Edsger");
    const tooBig = await h.request(
      "POST",
      "/v1/video/generations",
      JSON.stringify({ model: "happyhorse-1.0-t2v", prompt: "x".repeat(200_000) }),
      headers,
    );
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({
      error: { message: expect.any(String), type: "invalid_request_error" },
    });
    const anonymous = await h.request("GET", "/v1/video/generations/asyntask_NeverMade", undefined, from(ADDRESS));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      error: { message: expect.any(String), type: "invalid_request_error" },
    });
  });

  it("refuses a revoked token, a session cookie, a bad body and an unknown task", async () => {
    const { session, id, headers } = await tokenFor("linus", "Linus");
    const body = { model: "happyhorse-1.0-t2v", prompt: "x", parameters: { resolution: "720P", duration: 5 } };
    expect((await h.request("POST", "/v1/video/generations", body, session)).status).toBe(401);
    expect((await h.request("POST", "/v1/video/generations", { model: "sora" }, headers)).status).toBe(400);
    expect((await h.request("GET", "/v1/video/generations/asyntask_NeverMade", undefined, headers)).status).toBe(404);
    expect((await h.request("GET", "/v1/video/generations/..%2Fdashboard", undefined, headers)).status).toBe(400);
    expect((await h.request("DELETE", `/api/tokens/${id}`, undefined, session)).status).toBe(204);
    expect((await h.request("POST", "/v1/video/generations", body, headers)).status).toBe(401);
  });
});
