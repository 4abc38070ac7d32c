import "server-only";

import type { GatewayStatus } from "@/lib/api/task-schemas";
import type { FetchTaskResult } from "@/lib/happyhorse/client";
import type { UpstreamError, UpstreamErrorCode } from "@/lib/happyhorse/upstream-error";

/**
 * Gives a failing gateway a rest. After a gateway-level failure the next calls wait a full-jitter
 * exponential back-off; after `failureThreshold` failures in a row the circuit opens and only one
 * probe goes out per cool-down (half-open), the other callers waiting for its verdict. Retry-After
 * is honoured. Any success closes the circuit. Pure apart from the injected clock and randomness.
 *
 * Hand-written on purpose: breaker libraries (opossum, cockatiel) count failures per wrapped call
 * and know nothing of Retry-After or of which answers blame the gateway rather than one task; the
 * few lines here keep those rules explicit and testable with a fake clock.
 */

export interface GuardOptions {
  /** The poll interval: the back-off's cap and the open circuit's cool-down scale. */
  intervalMs: number;
  baseMs?: number;
  failureThreshold?: number;
  now?: () => number;
  random?: () => number;
}

/** A task answer that says the gateway itself is in trouble (not that one task is unknown). */
const GATEWAY_FAILURES: ReadonlySet<UpstreamErrorCode> = new Set([
  "unavailable",
  "timeout",
  "rate_limited",
  "unauthorized",
  "malformed",
  "upstream_error",
]);

export interface UpstreamGuard {
  /** Runs the call, or answers null without calling when the gateway is being given a rest. */
  run(call: () => Promise<FetchTaskResult>): Promise<FetchTaskResult | null>;
  status(): GatewayStatus;
}

export function createUpstreamGuard(options: GuardOptions): UpstreamGuard {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const baseMs = options.baseMs ?? 500;
  const threshold = options.failureThreshold ?? 3;
  const capMs = options.intervalMs;
  let failures = 0;
  let nextAttemptAt = 0;
  let lastError: UpstreamError | null = null;
  let probe: Promise<boolean> | null = null;

  function settle(result: FetchTaskResult): boolean {
    if (result.ok || !GATEWAY_FAILURES.has(result.error.code)) {
      failures = 0;
      nextAttemptAt = 0;
      lastError = null;
      return true;
    }
    failures += 1;
    lastError = result.error;
    const delay =
      failures >= threshold
        ? capMs / 2 + random() * (capMs / 2) // open: one probe per cool-down of half to one interval
        : random() * Math.min(capMs, baseMs * 2 ** failures); // full jitter
    nextAttemptAt = Math.max(now() + delay, now() + (result.error.retryAfterMs ?? 0));
    return false;
  }

  return {
    async run(call) {
      if (failures === 0) {
        const result = await call();
        settle(result);
        return result;
      }
      if (now() < nextAttemptAt) return null;
      if (failures < threshold) {
        const result = await call();
        settle(result);
        return result;
      }
      if (probe) return (await probe) ? call().then((result) => (settle(result), result)) : null;
      let verdict: (healthy: boolean) => void = () => undefined;
      probe = new Promise<boolean>((resolve) => (verdict = resolve));
      try {
        const result = await call();
        verdict(settle(result));
        return result;
      } catch (error) {
        verdict(false);
        throw error;
      } finally {
        probe = null;
      }
    },
    status() {
      const at = now();
      return {
        state: failures === 0 ? "ok" : failures >= threshold ? "open" : "degraded",
        failures,
        retryAt: failures > 0 && nextAttemptAt > at ? nextAttemptAt : null,
        lastError,
      };
    },
  };
}
