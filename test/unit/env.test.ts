import { describe, expect, it } from "vitest";

import { DEMO_POLL_INTERVAL_MS, LIVE_POLL_INTERVAL_MS, parseEnv } from "@/lib/env-schema";

describe("parseEnv", () => {
  it("runs in demo mode against the simulator when no key is set", () => {
    const result = parseEnv({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.mode).toBe("demo");
    expect(result.env.upstream.baseUrl).toBe("http://127.0.0.1:3100");
    expect(result.env.pollIntervalMs).toBe(DEMO_POLL_INTERVAL_MS);
    expect(result.env.simulator).toEqual({ port: 3100, timeScale: 1 });
    expect(result.env.upstream.apiKey).toMatch(/^sim_/);
    expect(result.env.dbPath).toBe("./data/paddock.db");
  });

  it("treats a blank key as no key", () => {
    const result = parseEnv({ HAPPYHORSE_API_KEY: "  " });
    expect(result.ok && result.env.mode).toBe("demo");
  });

  it("reads a live configuration, keeping the key out of serialization", () => {
    const result = parseEnv({
      HAPPYHORSE_API_KEY: "sk-live-secret",
      HAPPYHORSE_BASE_URL: "https://www.anyfast.ai/",
      PADDOCK_DB_PATH: "/var/lib/paddock/db.sqlite",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.mode).toBe("live");
    expect(result.env.upstream.baseUrl).toBe("https://www.anyfast.ai");
    expect(result.env.upstream.apiKey).toBe("sk-live-secret");
    expect(result.env.pollIntervalMs).toBe(LIVE_POLL_INTERVAL_MS);
    expect(result.env.upstream.timeoutMs).toBe(10_000);
    expect(result.env.upstream.concurrency).toBe(4);
    expect(result.env.simulator).toBeNull();
    expect(JSON.stringify(result.env)).not.toContain("sk-live-secret");
  });

  it("requires the gateway's URL with a key", () => {
    const result = parseEnv({ HAPPYHORSE_API_KEY: "sk-1" });
    expect(result).toEqual({ ok: false, problems: [expect.stringContaining("HAPPYHORSE_BASE_URL is required")] });
  });

  it("lists every problem in readable words", () => {
    const result = parseEnv({
      HAPPYHORSE_BASE_URL: "ftp://gateway",
      PADDOCK_POLL_INTERVAL_MS: "soon",
      HAPPYHORSE_TIMEOUT_MS: "5",
      PADDOCK_UPSTREAM_CONCURRENCY: "1.5",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("HAPPYHORSE_BASE_URL must be an http(s) URL"),
        expect.stringContaining("PADDOCK_POLL_INTERVAL_MS must be a whole number"),
        "HAPPYHORSE_TIMEOUT_MS must be at least 100",
        "PADDOCK_UPSTREAM_CONCURRENCY must be a whole number",
      ]),
    );
  });

  it("refuses a key with spaces or control characters", () => {
    const result = parseEnv({ HAPPYHORSE_API_KEY: "sk one", HAPPYHORSE_BASE_URL: "https://gw.example" });
    expect(result.ok).toBe(false);
  });
});
