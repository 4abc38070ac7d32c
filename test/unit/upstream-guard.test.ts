import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { FetchTaskResult } from "@/lib/happyhorse/client";
import { type GatewayStateStore, memoryGatewayState, sqlGatewayState } from "@/lib/server/gateway/gateway-store";
import { createUpstreamGuard } from "@/lib/server/gateway/upstream-guard";
import { createKeyedLimiter, createTokenBucket, createWindowCounter } from "@/lib/server/security/rate-limit";

import { DIALECTS, openTestDatabase } from "../support/dialects";
import { taskWith } from "./fixtures";

const failure: FetchTaskResult = { ok: false, error: { code: "timeout", message: "slow" } };
const success: FetchTaskResult = { ok: true, task: taskWith({}), raw: {} };

interface GuardSetup {
  intervalMs: number;
  failureThreshold?: number;
  random?: number;
  retryAfterCapMs?: number;
  keyProbeMs?: number;
}

/** The guard keeps its state in memory for one process, or in the database for several: each is tested. */
const STORES = ["memory", ...DIALECTS] as const;
const closers: Array<() => Promise<void>> = [];
let freshState: () => Promise<GatewayStateStore> = async () => memoryGatewayState();

afterAll(async () => {
  for (const close of closers) await close();
});

async function guardAt(clock: { now: number }, options: GuardSetup) {
  return createUpstreamGuard({
    state: await freshState(),
    intervalMs: options.intervalMs,
    probeLeaseMs: 5_000,
    failureThreshold: options.failureThreshold,
    retryAfterCapMs: options.retryAfterCapMs,
    keyProbeMs: options.keyProbeMs,
    now: () => clock.now,
    random: () => options.random ?? 1,
  });
}

for (const store of STORES) {
  describe(`the upstream guard (state in ${store})`, () => {
    beforeAll(() => {
      freshState =
        store === "memory"
          ? async () => memoryGatewayState()
          : async () => {
              const opened = await openTestDatabase(store);
              closers.push(opened.close);
              return sqlGatewayState(opened.db);
            };
    });

    it("backs off with full jitter, opens after three failures, and closes on a success", async () => {
      const clock = { now: 0 };
      const guard = await guardAt(clock, { intervalMs: 15_000 });
      expect(await guard.run(async () => failure)).toBe(failure);
      expect(await guard.status()).toMatchObject({ state: "degraded", failures: 1, retryAt: 1000 });
      expect(await guard.run(async () => success)).toBeNull(); // held during the back-off
      clock.now = 1000;
      await guard.run(async () => failure);
      clock.now = 3000;
      await guard.run(async () => failure);
      expect(await guard.status()).toMatchObject({ state: "open", failures: 3, retryAt: 3000 + 15_000 });
      clock.now = 17_000;
      expect(await guard.run(async () => success)).toBeNull();
      clock.now = 18_000;
      expect(await guard.run(async () => success)).toBe(success);
      expect(await guard.status()).toEqual({ state: "ok", failures: 0, retryAt: null, lastError: null });
    });

    it("lets one probe out when open; the other calls are held until its verdict", async () => {
      const clock = { now: 0 };
      const guard = await guardAt(clock, { intervalMs: 1000, failureThreshold: 1, random: 0 });
      await guard.run(async () => failure);
      clock.now = 600;
      let release: (value: FetchTaskResult) => void = () => undefined;
      let calls = 0;
      const slowProbe = guard.run(() => {
        calls += 1;
        return new Promise<FetchTaskResult>((resolve) => (release = resolve));
      });
      await vi.waitFor(() => expect(calls).toBe(1));
      const held = await guard.run(async () => {
        calls += 1;
        return success;
      });
      expect(held).toBeNull();
      release(failure);
      expect(await slowProbe).toBe(failure);
      expect(calls).toBe(1);
    });

    it("counts only transport errors, timeouts, 429 and 5xx against the gateway", async () => {
      const guard = await guardAt({ now: 0 }, { intervalMs: 1000 });
      for (const code of ["not_found", "malformed", "upstream_error"] as const) {
        await guard.run(async () => ({ ok: false, error: { code, message: code } }));
        expect((await guard.status()).state, code).toBe("ok");
      }
    });

    it("honours Retry-After up to its cap: a day-long one does not stop watching for a day", async () => {
      const clock = { now: 1_000_000 };
      const guard = await guardAt(clock, { intervalMs: 15_000, retryAfterCapMs: 600_000, random: 0 });
      const dayLong: FetchTaskResult = {
        ok: false,
        error: { code: "rate_limited", message: "slow down", retryAfterMs: 86_400_000 },
      };
      await guard.run(async () => dayLong);
      expect((await guard.status()).retryAt).toBe(clock.now + 600_000);
      clock.now += 599_999;
      expect(await guard.run(async () => success)).toBeNull();
      clock.now += 1;
      // The gateway is healthy again: the first call after the cap goes out and closes the circuit.
      expect(await guard.run(async () => success)).toBe(success);
      expect((await guard.status()).state).toBe("ok");
    });

    it("treats a rejected key as its own state: one probe per key-probe period, whatever the load", async () => {
      const clock = { now: 2_000_000 };
      const guard = await guardAt(clock, { intervalMs: 2_000, keyProbeMs: 60_000 });
      const rejected: FetchTaskResult = { ok: false, error: { code: "unauthorized", message: "invalid api key" } };
      let calls = 0;
      const call = async () => {
        calls += 1;
        return rejected;
      };
      await guard.run(call);
      expect(await guard.status()).toMatchObject({ state: "key_rejected", retryAt: clock.now + 60_000 });
      // Ten minutes of a watcher trying every task every second: one call a minute goes out.
      for (let second = 1; second <= 600; second += 1) {
        clock.now += 1000;
        for (let task = 0; task < 5; task += 1) await guard.run(call);
      }
      expect(calls).toBe(11);
      expect((await guard.status()).state).toBe("key_rejected");
      clock.now += 60_000;
      expect(await guard.run(async () => success)).toBe(success);
      expect((await guard.status()).state).toBe("ok");
    });

    it("stores waits that are not whole milliseconds", async () => {
      const clock = { now: 1_764_000_000_000 };
      const guard = await guardAt(clock, { intervalMs: 3_000, failureThreshold: 1, random: 0.123456 });
      await guard.run(async () => failure);
      const status = await guard.status();
      expect(status.state).toBe("open");
      expect(status.retryAt).toBeGreaterThan(clock.now + 1_500);
      expect(Number.isInteger(status.retryAt)).toBe(true);
    });
  });
}

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
