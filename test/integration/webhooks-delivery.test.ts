import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { WebhookDelivery } from "@/lib/api/webhook-schemas";
import { getEnv } from "@/lib/server/env";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import type { WebhookEvent } from "@/lib/webhooks/event";
import { verifyPaddockSignature } from "@/lib/webhooks/verify-signature";

import { type Received, type Receiver, startReceiver } from "../support/webhook-receiver";
import { type Harness, startHarness, until } from "./harness";

/**
 * Webhooks end to end: the watcher sees tasks end at the simulator, the outbox sends one signed
 * event and one Slack message per transition to a local receiver, a 500 is retried, and a restart
 * of the runtime sends nothing twice.
 */

const SECRET = "whsec_delivery_test_secret_42";
const SLACK_PATH = "/services/T0001/B0001/XyZslackCredential";
const RUNTIME_KEY = Symbol.for("paddock.runtime");

describe("webhook delivery", () => {
  let h: Harness;
  let receiver: Receiver;
  const logs: string[] = [];

  /** A runtime with short retries, in place of the one the routes would start. */
  function startRuntime(): Promise<Runtime> {
    const runtime = createRuntime(getEnv(), { webhooks: { intervalMs: 50, retryDelayMs: () => 300 } });
    (globalThis as Record<symbol, unknown>)[RUNTIME_KEY] = runtime;
    return runtime;
  }

  beforeAll(async () => {
    for (const method of ["info", "warn", "error"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logs.push(args.join(" ")));
    }
    receiver = await startReceiver();
    h = await startHarness({
      SIM_TIME_SCALE: "30",
      PADDOCK_POLL_INTERVAL_MS: "300",
      PADDOCK_WEBHOOK_URL: `${receiver.url}/events`,
      PADDOCK_WEBHOOK_SECRET: SECRET,
      PADDOCK_SLACK_WEBHOOK_URL: `${receiver.url}${SLACK_PATH}`,
      PADDOCK_PUBLIC_URL: "https://paddock.example.com",
    });
    await startRuntime();
  });
  afterAll(async () => {
    await h.close();
    await receiver.stop();
    vi.restoreAllMocks();
  });

  const events = () => receiver.received.filter((request) => request.path === "/events");
  const slack = () => receiver.received.filter((request) => request.path === SLACK_PATH);
  const delivered = (requests: Received[], taskId: string) =>
    requests.filter((request) => request.answered === 200 && request.body.includes(taskId));

  it("signs each event, retries after a 500, and posts a Slack message", async () => {
    receiver.answerNext("/events", 500);
    const ids = ["asyntask_hookSendOk", "asyntask_hookSendFail"];
    expect((await h.request("POST", "/api/tasks", { ids, label: "Ada" })).status).toBe(201);
    await until(
      async () => [...events(), ...slack()],
      () => ids.every((id) => delivered(events(), id).length === 1 && delivered(slack(), id).length === 1),
    );

    // The first attempt met a 500; the same event, same id, came again and was taken.
    const [refused, ...rest] = events();
    expect(refused?.answered).toBe(500);
    const retried = rest.find(
      (request) => request.headers["paddock-event-id"] === refused?.headers["paddock-event-id"],
    );
    expect(retried?.answered).toBe(200);
    expect(retried?.body).toBe(refused?.body);

    for (const request of events()) {
      const timestamp = String(request.headers["paddock-timestamp"]);
      expect(
        verifyPaddockSignature(SECRET, request.body, timestamp, String(request.headers["paddock-signature"])),
      ).toBe(true);
      const event = JSON.parse(request.body) as WebhookEvent;
      expect(request.headers["paddock-event-id"]).toBe(event.id);
      expect(event.id).toMatch(/^evt_\d+$/);
    }
    const failed = JSON.parse(delivered(events(), "asyntask_hookSendFail")[0]?.body ?? "{}") as WebhookEvent;
    expect(failed).toMatchObject({
      type: "task.failed",
      task: { label: "Ada", outcome: "failed", url: "https://paddock.example.com/tasks/asyntask_hookSendFail" },
    });
    expect(failed.task.failure?.reason).toBeTruthy();

    const message = JSON.parse(delivered(slack(), "asyntask_hookSendOk")[0]?.body ?? "{}") as {
      text: string;
      blocks: unknown[];
    };
    expect(message.text).toContain("Succeeded: asyntask_hookSendOk (Ada)");
    expect(message.text).toContain("Kind: Text / image to video");
    expect(message.text).toMatch(/Took: [\d.]+ s/);
    expect(message.text).toContain("https://paddock.example.com/tasks/asyntask_hookSendOk");
    expect(message.blocks.length).toBeGreaterThan(1);
    expect(delivered(slack(), "asyntask_hookSendFail")[0]?.body).toContain("Reason:");

    // The receiver has the second attempt; its line in the delivery log is written once its answer is read.
    const attemptsOf = async () => {
      const log = (await (await h.request("GET", "/api/webhooks/deliveries")).json()) as {
        deliveries: WebhookDelivery[];
      };
      return log.deliveries
        .filter((entry) => entry.eventId === refused?.headers["paddock-event-id"] && entry.endpointId === "env-json")
        .map((entry) => [entry.attempt, entry.status, entry.result])
        .reverse();
    };
    const attempts = await until(attemptsOf, (rows) => rows.length >= 2);
    expect(attempts).toEqual([
      [1, 500, "retrying"],
      [2, 200, "delivered"],
    ]);
  });

  it("sends exactly one event per transition across a restart", async () => {
    const ids = ["asyntask_hookRestart1", "asyntask_hookRestart2", "asyntask_hookRestartFail"];
    expect((await h.request("POST", "/api/tasks", { ids })).status).toBe(201);
    // Stopped while the tasks run, then started again on the same database.
    const first = (await (globalThis as Record<symbol, Promise<Runtime>>)[RUNTIME_KEY]) as Runtime;
    await first.close();
    await startRuntime();
    await until(
      async () => events().length,
      () => ids.every((id) => delivered(events(), id).length === 1 && delivered(slack(), id).length === 1),
    );
    // And once more, after everything was sent: the new runtime sends nothing again.
    const restarted = await (globalThis as Record<symbol, Promise<Runtime>>)[RUNTIME_KEY];
    await restarted?.close();
    const again = await startRuntime();
    await again.webhooks?.passOnce();
    const all = [...ids, "asyntask_hookSendOk", "asyntask_hookSendFail"];
    for (const id of all) {
      expect(delivered(events(), id)).toHaveLength(1);
      expect(delivered(slack(), id)).toHaveLength(1);
    }
    const eventIds = events()
      .filter((request) => request.answered === 200)
      .map((request) => request.headers["paddock-event-id"]);
    expect(new Set(eventIds).size).toBe(eventIds.length);
  });

  it("never logs the signing secret or the Slack URL", () => {
    const text = logs.join("\n");
    expect(text).toContain("webhook_delivered");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("XyZslackCredential");
  });
});
