import { describe, expect, it } from "vitest";

import { envSecrets, parseEnv } from "@/lib/env-schema";
import { RETRY_DELAYS_MS, retryDelayMs } from "@/lib/server/webhooks/webhook-dispatcher";
import { testEvent } from "@/lib/server/webhooks/webhook-events";
import { slackMessage } from "@/lib/webhooks/slack-message";
import { checkWebhookUrl } from "@/lib/webhooks/webhook-url";

describe("webhook retries", () => {
  it("wait longer after each failure, ±20 %, about a day in all", () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(1, () => 0)).toBe(8_000);
    expect(retryDelayMs(1, () => 1)).toBe(12_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(120_000);
    expect(retryDelayMs(99, () => 0.5)).toBe(28_800_000);
    const total = RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
    expect(total / 3_600_000).toBeGreaterThan(23);
    expect(total / 3_600_000).toBeLessThan(25);
  });
});

describe("the Slack message", () => {
  it("says the outcome, task, label, kind, duration and link, escaping Slack's markup", () => {
    const event = testEvent("evt_test_1", Date.UTC(2026, 11, 1), "https://paddock.example.com");
    const failed = {
      ...event,
      type: "task.failed" as const,
      test: false,
      task: {
        ...event.task,
        label: "Ada <ops>",
        outcome: "failed" as const,
        failure: { reason: "Input <b>bad</b> & unsafe", code: "X", category: "moderation" },
      },
    };
    const message = slackMessage(failed);
    expect(message.text).toContain("Failed: asyntask_PaddockWebhookTest0000000000 (Ada <ops>)");
    expect(message.text).toContain("Took: 83 s");
    expect(message.text).toContain("https://paddock.example.com/tasks/asyntask_PaddockWebhookTest0000000000");
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain("Input &lt;b&gt;bad&lt;/b&gt; &amp; unsafe");
    expect(blocks).toContain("Open in Paddock");
    expect(slackMessage(event).text).toContain("[test]");
  });

  it("has no link without PADDOCK_PUBLIC_URL", () => {
    const message = slackMessage(testEvent("evt_test_2", Date.UTC(2026, 11, 1), null));
    expect(message.text).not.toContain("http");
    expect(message.blocks).toHaveLength(2);
  });
});

describe("webhook URLs", () => {
  it.each([
    ["https://hooks.slack.com/services/T/B/x", "slack", true],
    ["http://127.0.0.1:8080/hook", "json", true],
    ["http://127.0.0.1:8080/hook", "slack", true],
    ["http://10.0.0.5/hook", "json", true],
    ["http://hooks.example.com/x", "slack", false],
    ["ftp://example.com/x", "json", false],
    ["javascript:alert(1)", "json", false],
    ["https://user:pw@example.com/", "json", false],
    ["http://169.254.169.254/latest/meta-data", "json", false],
    ["http://metadata.google.internal/", "json", false],
    ["http://[fe80::1]/", "json", false],
    ["example.com/hook", "json", false],
  ] as const)("%s as %s: %s", (url, kind, ok) => {
    expect(checkWebhookUrl(url, kind).ok).toBe(ok);
  });
});

describe("webhooks from the environment", () => {
  it("need a secret with a URL, read the filters, and register their credentials", () => {
    expect(parseEnv({ PADDOCK_WEBHOOK_URL: "https://example.com/hook" })).toMatchObject({
      ok: false,
      problems: [expect.stringContaining("PADDOCK_WEBHOOK_SECRET is required")],
    });
    const parsed = parseEnv({
      PADDOCK_WEBHOOK_URL: "https://example.com/hook",
      PADDOCK_WEBHOOK_SECRET: "whsec_0123456789abcdef",
      PADDOCK_SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T/B/secretpath",
      PADDOCK_WEBHOOK_LABELS: "Ada, Grace ,",
      PADDOCK_WEBHOOK_OUTCOMES: "failed gave_up",
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.env.webhooks).toEqual({ labels: ["Ada", "Grace"], outcomes: ["failed", "gave_up"] });
    expect(JSON.stringify(parsed.env)).not.toContain("secretpath");
    expect(envSecrets(parsed.env)).toEqual(
      expect.arrayContaining(["whsec_0123456789abcdef", "https://hooks.slack.com/services/T/B/secretpath"]),
    );
    expect(parseEnv({ PADDOCK_WEBHOOK_OUTCOMES: "done" }).ok).toBe(false);
  });
});
