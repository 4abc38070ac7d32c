import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { WebhookEndpointView } from "@/lib/api/webhook-schemas";
import { verifyPaddockSignature } from "@/lib/webhooks/verify-signature";

import { type Receiver, startReceiver } from "../support/webhook-receiver";
import { type Harness, startHarness } from "./harness";

/** The Settings page's API: endpoints made, listed without their secrets, tested, removed; bad bodies refused. */

const ENV_SECRET = "whsec_env_secret_for_the_api_test";

describe("the webhooks API", () => {
  let h: Harness;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    h = await startHarness({
      PADDOCK_WATCHER: "off",
      PADDOCK_WEBHOOK_URL: `${receiver.url}/env`,
      PADDOCK_WEBHOOK_SECRET: ENV_SECRET,
      PADDOCK_SLACK_WEBHOOK_URL: `${receiver.url}/services/T000/B000/slacksecretpath`,
      PADDOCK_PUBLIC_URL: "https://paddock.example.com",
    });
  });
  afterAll(async () => {
    await h.close();
    await receiver.stop();
  });

  const list = async () =>
    ((await (await h.request("GET", "/api/webhooks")).json()) as { endpoints: WebhookEndpointView[] }).endpoints;

  it("shows the environment's endpoints read-only, without their credentials", async () => {
    const endpoints = await list();
    expect(endpoints.map((endpoint) => [endpoint.id, endpoint.kind, endpoint.readOnly])).toEqual([
      ["env-json", "json", true],
      ["env-slack", "slack", true],
    ]);
    expect(endpoints[1]?.url).toBe(`${receiver.url}/…`);
    const text = JSON.stringify(endpoints);
    expect(text).not.toContain(ENV_SECRET);
    expect(text).not.toContain("slacksecretpath");
    expect((await h.request("PATCH", "/api/webhooks/env-json", { enabled: false })).status).toBe(403);
    expect((await h.request("DELETE", "/api/webhooks/env-slack")).status).toBe(403);
  });

  it("makes an endpoint whose secret is shown once, signs its test event, and removes it", async () => {
    const created = await h.request("POST", "/api/webhooks", {
      name: "Render farm",
      kind: "json",
      url: `${receiver.url}/mine?token=abc`,
      labels: ["Ada", " Ada ", "Grace"],
      outcomes: ["failed", "succeeded"],
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { endpoint: WebhookEndpointView; secret: string };
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(body.endpoint).toMatchObject({
      name: "Render farm",
      kind: "json",
      url: `${receiver.url}/mine?…`,
      labels: ["Ada", "Grace"],
      outcomes: ["succeeded", "failed"],
      enabled: true,
      readOnly: false,
      signed: true,
    });
    const { id } = body.endpoint;
    expect(JSON.stringify(await list())).not.toContain(body.secret);

    const test = await h.request("POST", `/api/webhooks/${id}/test`);
    expect(test.status).toBe(200);
    expect(await test.json()).toMatchObject({ ok: true, status: 200, error: null });
    const got = receiver.received.find((request) => request.path === "/mine?token=abc");
    expect(got).toBeDefined();
    if (!got) return;
    const timestamp = String(got.headers["paddock-timestamp"]);
    const signature = String(got.headers["paddock-signature"]);
    expect(verifyPaddockSignature(body.secret, got.body, timestamp, signature)).toBe(true);
    expect(verifyPaddockSignature("whsec_another", got.body, timestamp, signature)).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({
      test: true,
      type: "task.succeeded",
      id: got.headers["paddock-event-id"],
    });

    const edited = await h.request("PATCH", `/api/webhooks/${id}`, { enabled: false, labels: [] });
    expect(await edited.json()).toMatchObject({ endpoint: { enabled: false, labels: [] } });

    const deliveries = (await (await h.request("GET", "/api/webhooks/deliveries")).json()) as {
      deliveries: Array<Record<string, unknown>>;
    };
    expect(deliveries.deliveries[0]).toMatchObject({
      endpointId: id,
      endpointName: "Render farm",
      attempt: 1,
      status: 200,
      result: "test",
    });

    expect((await h.request("DELETE", `/api/webhooks/${id}`)).status).toBe(204);
    expect((await h.request("DELETE", `/api/webhooks/${id}`)).status).toBe(404);
    expect((await list()).map((endpoint) => endpoint.id)).toEqual(["env-json", "env-slack"]);
    // Only the creation's answer ever carried the secret.
    expect(h.seen.join("\n").split(body.secret)).toHaveLength(2);
  });

  it("reports a receiver that refuses the test event", async () => {
    receiver.answerNext("/env", 503);
    const answer = await h.request("POST", "/api/webhooks/env-json/test");
    expect(await answer.json()).toMatchObject({ ok: false, status: 503, error: "HTTP 503" });
  });

  it.each([
    ["no name", { kind: "json", url: "https://example.com/hook" }, "name"],
    ["an unknown kind", { name: "x", kind: "teams", url: "https://example.com/hook" }, "kind"],
    ["an ftp URL", { name: "x", kind: "json", url: "ftp://example.com/hook" }, "url"],
    ["not a URL", { name: "x", kind: "json", url: "hooks" }, "url"],
    ["credentials in the URL", { name: "x", kind: "json", url: "https://user:pw@example.com/" }, "url"],
    ["a metadata address", { name: "x", kind: "json", url: "http://169.254.169.254/latest" }, "url"],
    ["plain http for Slack", { name: "x", kind: "slack", url: "http://hooks.example.com/x" }, "url"],
    ["an unknown outcome", { name: "x", kind: "json", url: "https://e.com/", outcomes: ["done"] }, "outcomes"],
    ["no outcome", { name: "x", kind: "json", url: "https://e.com/", outcomes: [] }, "outcomes"],
    ["labels as text", { name: "x", kind: "json", url: "https://e.com/", labels: "Ada" }, "labels"],
  ])("refuses %s with a 400 naming the field", async (_, body, field) => {
    const answer = await h.request("POST", "/api/webhooks", body);
    expect(answer.status).toBe(400);
    const error = ((await answer.json()) as { error: { code: string; details: { fieldErrors: object } } }).error;
    expect(error.code).toBe("invalid_body");
    expect(Object.keys(error.details.fieldErrors)).toContain(field);
  });

  it("refuses bodies that are not JSON, empty edits and bad ids", async () => {
    expect((await h.request("POST", "/api/webhooks", "{nope")).status).toBe(400);
    const id = "whk_AAAAAAAAAAAA";
    expect((await h.request("PATCH", `/api/webhooks/${id}`, {})).status).toBe(400);
    expect((await h.request("PATCH", `/api/webhooks/${id}`, { enabled: "yes" })).status).toBe(400);
    expect((await h.request("PATCH", `/api/webhooks/${id}`, { enabled: true })).status).toBe(404);
    expect((await h.request("DELETE", "/api/webhooks/whk_bad%20id")).status).toBe(400);
    expect((await h.request("POST", "/api/webhooks/whk_nope/test")).status).toBe(400);
    expect((await h.request("GET", "/api/webhooks/deliveries?limit=5000")).status).toBe(400);
  });
});
