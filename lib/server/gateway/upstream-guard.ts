import "server-only";

import type { GatewayStatus } from "@/lib/api/task-schemas";
import type { FetchTaskResult } from "@/lib/happyhorse/client";
import type { UpstreamError, UpstreamErrorCode } from "@/lib/happyhorse/upstream-error";
import type { GatewayStateStore } from "@/lib/server/gateway/gateway-store";

/**
 * Gives a failing gateway a rest, with its state shared by every instance (gateway-store.ts).
 * After a gateway-level failure the next calls wait a full-jitter exponential back-off; after
 * `failureThreshold` failures in a row the circuit opens and one probe goes out per cool-down
 * of half to one interval, the other calls held. Retry-After is honoured up to a cap. A key the
 * gateway rejects is its own state: one probe a minute. Any success closes the circuit.
 *
 * Hand-written on purpose: breaker libraries (opossum, cockatiel) count failures per wrapped call
 * in one process and know nothing of Retry-After, of a rejected key, or of which answers blame
 * the gateway rather than one task; these rules stay explicit and testable with a fake clock.
 */

export interface GuardOptions {
  state: GatewayStateStore;
  /** The poll interval: the back-off's cap and the open circuit's cool-down scale. */
  intervalMs: number;
  /** How long a probe may take before another instance may probe instead. */
  probeLeaseMs: number;
  /** The longest Retry-After honoured; beyond it the breaker probes as usual. */
  retryAfterCapMs?: number;
  /** While the gateway rejects the key, one probe per this long. */
  keyProbeMs?: number;
  baseMs?: number;
  failureThreshold?: number;
  now?: () => number;
  random?: () => number;
}

/** Only these blame the gateway; a task's bad answer (malformed, not found, an error message) is that task's. */
const BREAKER_FAILURES: ReadonlySet<UpstreamErrorCode> = new Set(["unavailable", "timeout", "rate_limited"]);
export const KEY_PROBE_MS = 60_000;
/** How long a read of the shared state answers `status()` (another instance's change shows this late at most). */
const STATUS_FRESH_MS = 250;
export const DEFAULT_RETRY_AFTER_CAP_MS = 10 * 60_000;

export interface UpstreamGuard {
  /** Runs the call, or answers null without calling while the gateway is given a rest. */
  run(call: () => Promise<FetchTaskResult>): Promise<FetchTaskResult | null>;
  status(): Promise<GatewayStatus>;
}

export function createUpstreamGuard(options: GuardOptions): UpstreamGuard {
  const { state } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const baseMs = options.baseMs ?? 500;
  const threshold = options.failureThreshold ?? 3;
  const capMs = options.intervalMs;
  const retryAfterCapMs = options.retryAfterCapMs ?? DEFAULT_RETRY_AFTER_CAP_MS;
  const keyProbeMs = options.keyProbeMs ?? KEY_PROBE_MS;

  const keyRejected = (error: UpstreamError | null) => error?.code === "unauthorized";

  // Every answer of the API says how the gateway is doing: the shared state is read once per
  // STATUS_FRESH_MS (wall clock) for all of them, and again at once after this process changes it.
  let recent: { at: number; snapshot: ReturnType<GatewayStateStore["read"]> } | null = null;
  const forget = () => {
    recent = null;
  };
  function readForStatus() {
    const at = performance.now();
    if (!recent || at - recent.at >= STATUS_FRESH_MS) {
      const snapshot = state.read();
      snapshot.catch(forget);
      recent = { at, snapshot };
    }
    return recent.snapshot;
  }

  async function settle(result: FetchTaskResult, failuresBefore: number) {
    const error = result.ok ? null : result.error;
    if (!error || !(BREAKER_FAILURES.has(error.code) || keyRejected(error))) {
      if (failuresBefore > 0) await state.reset().finally(forget);
      return;
    }
    forget();
    const failures = failuresBefore + 1;
    const at = now();
    if (keyRejected(error)) return state.recordFailure(error, at + keyProbeMs).finally(forget);
    const delay =
      failures >= threshold
        ? capMs / 2 + random() * (capMs / 2) // open: one probe per cool-down of half to one interval
        : random() * Math.min(capMs, baseMs * 2 ** failures); // full jitter
    // A Retry-After of a day would stop all watching for a day: it counts up to the cap.
    const retryAfter = Math.min(error.retryAfterMs ?? 0, retryAfterCapMs);
    // Whole milliseconds: the shared store keeps times as integers.
    await state.recordFailure(error, Math.ceil(at + Math.max(delay, retryAfter))).finally(forget);
  }

  return {
    async run(call) {
      const snapshot = await state.read();
      const at = now();
      if (snapshot.failures > 0 && at < snapshot.nextAttemptAt) return null;
      const open = snapshot.failures >= threshold || keyRejected(snapshot.lastError);
      if (open && !(await state.claimProbe(at, at + options.probeLeaseMs))) return null;
      const result = await call();
      await settle(result, snapshot.failures);
      return result;
    },
    async status() {
      const snapshot = await readForStatus();
      const at = now();
      const { failures, lastError } = snapshot;
      return {
        state:
          failures === 0 ? "ok" : keyRejected(lastError) ? "key_rejected" : failures >= threshold ? "open" : "degraded",
        failures,
        retryAt: failures > 0 && snapshot.nextAttemptAt > at ? snapshot.nextAttemptAt : null,
        lastError,
      };
    },
  };
}
