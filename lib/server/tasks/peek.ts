import "server-only";

import type { FetchTaskResult } from "@/lib/happyhorse/client";

/**
 * One-off looks at untracked ids (the inspector): a small concurrency of their own, so a flood
 * of looks never delays the watcher's refreshes, and one answer per id per interval, shared by
 * everyone asking.
 */

const HELD_MESSAGE = "The gateway has been failing; Paddock is giving it a rest before calling again.";

export interface PeekerOptions {
  /** Null when the call was held back (the gateway is being given a rest). */
  fetchTask: (id: string) => Promise<FetchTaskResult | null>;
  intervalMs: number;
  concurrency: number;
  now?: () => number;
}

export function createPeeker(options: PeekerOptions) {
  const now = options.now ?? Date.now;
  const limit = createLimiter(options.concurrency);
  const cache = new Map<string, { at: number; result: Promise<FetchTaskResult> }>();
  return function peek(id: string): Promise<FetchTaskResult> {
    const at = now();
    const cached = cache.get(id);
    if (cached && at - cached.at < options.intervalMs) return cached.result;
    for (const [key, entry] of cache) if (at - entry.at >= options.intervalMs) cache.delete(key);
    const result = limit(() => options.fetchTask(id)).then(
      (answer): FetchTaskResult => answer ?? { ok: false, error: { code: "unavailable", message: HELD_MESSAGE } },
    );
    cache.set(id, { at, result });
    return result;
  };
}

/** A counting semaphore: at most `max` of the given jobs run at once, in arrival order. */
export function createLimiter(max: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(job: () => Promise<T>): Promise<T> {
    // A finished job hands its slot straight to the next waiter, so no newcomer can slip in.
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await job();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
