import { describe, expect, it } from "vitest";

import type { FetchTaskResult } from "@/lib/happyhorse/client";
import { createUpstreamGuard } from "@/lib/server/gateway/upstream-guard";
import { createKeyedLimiter, createTokenBucket, createWindowCounter } from "@/lib/server/security/rate-limit";

import { taskWith } from "./fixtures";

const failure: FetchTaskResult = { ok: false, error: { code: "timeout", message: "slow" } };
const notFound: FetchTaskResult = { ok: false, error: { code: "not_found", message: "unknown" } };
const success: FetchTaskResult = { ok: true, task: taskWith({}), raw: {} };

describe("the upstream guard", () => {
  it("backs off with full jitter, opens after three failures, and closes on a success", async () => {
    let clock = 0;
    const guard = createUpstreamGuard({ intervalMs: 15_000, now: () => clock, random: () => 1 });
    expect(await guard.run(async () => failure)).toBe(failure);
    expect(guard.status()).toMatchObject({ state: "degraded", failures: 1, retryAt: 1000 });
    expect(await guard.run(async () => success)).toBeNull(); // held during the back-off
    clock = 1000;
    await guard.run(async () => failure);
    clock = 3000;
    await guard.run(async () => failure);
    expect(guard.status()).toMatchObject({ state: "open", failures: 3, retryAt: 3000 + 15_000 });
    clock = 17_000;
    expect(await guard.run(async () => success)).toBeNull();
    clock = 18_000;
    expect(await guard.run(async () => success)).toBe(success);
    expect(guard.status()).toEqual({ state: "ok", failures: 0, retryAt: null, lastError: null });
  });

  it("lets one probe out when half-open; the others wait for its verdict", async () => {
    let clock = 0;
    const guard = createUpstreamGuard({ intervalMs: 1000, failureThreshold: 1, now: () => clock, random: () => 0 });
    await guard.run(async () => failure);
    clock = 600;
    let release: (value: FetchTaskResult) => void = () => undefined;
    let calls = 0;
    const slowProbe = guard.run(() => {
      calls += 1;
      return new Promise<FetchTaskResult>((resolve) => (release = resolve));
    });
    const waiting = guard.run(async () => {
      calls += 1;
      return success;
    });
    expect(calls).toBe(1);
    release(failure);
    expect(await slowProbe).toBe(failure);
    expect(await waiting).toBeNull();
    expect(calls).toBe(1);
  });

  it("does not count an unknown task as a gateway failure", async () => {
    const guard = createUpstreamGuard({ intervalMs: 1000 });
    await guard.run(async () => notFound);
    expect(guard.status().state).toBe("ok");
  });
});

describe("rate limits", () => {
  it("token buckets refill at their rate", () => {
    let clock = 0;
    const bucket = createTokenBucket(2, 1, () => clock);
    expect(bucket.tryTake().ok).toBe(true);
    expect(bucket.tryTake().ok).toBe(true);
    expect(bucket.tryTake()).toEqual({ ok: false, retryAfterMs: 1000 });
    clock = 1000;
    expect(bucket.tryTake().ok).toBe(true);
  });
  it("keyed limiters keep clients apart", () => {
    const limiter = createKeyedLimiter(1, 1, () => 0);
    expect(limiter.tryTake("a").ok).toBe(true);
    expect(limiter.tryTake("a").ok).toBe(false);
    expect(limiter.tryTake("b").ok).toBe(true);
  });
  it("window counters block after the limit until the window slides", () => {
    let clock = 0;
    const counter = createWindowCounter(2, 60_000, () => clock);
    counter.record("x");
    counter.record("x");
    expect(counter.blocked("x")).toEqual({ blocked: true, retryAfterMs: 60_000 });
    clock = 60_000;
    expect(counter.blocked("x")).toEqual({ blocked: false });
  });
});
