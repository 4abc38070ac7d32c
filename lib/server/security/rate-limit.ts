/**
 * Token buckets: `capacity` tokens, refilled at `perSecond`. Used for Paddock's own API (one
 * bucket per client) and for the global budget of gateway calls. Pure apart from the clock.
 *
 * Hand-written on purpose: the rate-limit packages for Node are Express/Koa middleware or need a
 * store of their own, while route handlers need a plain "may this key go on, and when" with an
 * injectable clock for tests; a token bucket is a dozen lines.
 */

export interface TokenBucket {
  /** Takes a token if one is there; otherwise says how long until one is. */
  tryTake(): { ok: true } | { ok: false; retryAfterMs: number };
  /** Waits for a token. */
  take(): Promise<void>;
}

export function createTokenBucket(capacity: number, perSecond: number, now: () => number = Date.now): TokenBucket {
  let tokens = capacity;
  let updated = now();
  let queue = Promise.resolve();

  function refill() {
    const at = now();
    tokens = Math.min(capacity, tokens + ((at - updated) / 1000) * perSecond);
    updated = at;
  }

  function tryTake(): { ok: true } | { ok: false; retryAfterMs: number } {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - tokens) / perSecond) * 1000) };
  }

  return {
    tryTake,
    take() {
      // Waiters queue in order, so a burst drains at the refill rate.
      queue = queue.then(async () => {
        for (;;) {
          const result = tryTake();
          if (result.ok) return;
          await new Promise((resolve) => setTimeout(resolve, result.retryAfterMs));
        }
      });
      return queue;
    },
  };
}

/** One bucket per key, forgetting keys that have been idle long enough to be full again. */
export function createKeyedLimiter(capacity: number, perSecond: number, now: () => number = Date.now) {
  const buckets = new Map<string, { bucket: TokenBucket; seen: number }>();
  const idleMs = (capacity / perSecond) * 1000;
  return {
    tryTake(key: string) {
      const at = now();
      if (buckets.size > 10_000) {
        for (const [name, entry] of buckets) if (at - entry.seen > idleMs) buckets.delete(name);
      }
      const entry = buckets.get(key) ?? { bucket: createTokenBucket(capacity, perSecond, now), seen: at };
      entry.seen = at;
      buckets.set(key, entry);
      return entry.bucket.tryTake();
    },
  };
}

/** Counts events in a sliding window: at most `limit` per `windowMs`. */
export function createWindowCounter(limit: number, windowMs: number, now: () => number = Date.now) {
  const events = new Map<string, number[]>();
  const recent = (key: string) => (events.get(key) ?? []).filter((at) => now() - at < windowMs);
  return {
    blocked(key: string): { blocked: false } | { blocked: true; retryAfterMs: number } {
      const list = recent(key);
      events.set(key, list);
      const oldest = list[0];
      return list.length >= limit && oldest !== undefined
        ? { blocked: true, retryAfterMs: windowMs - (now() - oldest) }
        : { blocked: false };
    },
    record(key: string) {
      const list = recent(key);
      list.push(now());
      events.set(key, list);
    },
  };
}
