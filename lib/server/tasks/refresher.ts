import "server-only";

import type { FetchTaskResult } from "@/lib/happyhorse/client";
import { logEvent } from "@/lib/server/log";

/**
 * Keeps snapshots fresh at one upstream call per active task per poll interval, however many
 * viewers ask: a task is fetched only when its last attempt is older than the interval, at most
 * `concurrency` calls run at once, and concurrent askers share the call already in flight.
 */

const HELD_MESSAGE = "The gateway has been failing; Paddock is giving it a rest before calling again.";

export interface RefresherOptions {
  /** Stores one refresh's outcome (the task service's `recordRefresh`). */
  record: (id: string, result: FetchTaskResult, at: number) => Promise<void>;
  /** Null when the call was held back (the gateway is being given a rest). */
  fetchTask: (id: string) => Promise<FetchTaskResult | null>;
  intervalMs: number;
  concurrency: number;
  now?: () => number;
}

export interface RefreshCandidate {
  id: string;
  checked_at: number | null;
}

export interface Refresher {
  /** Refreshes the stale candidates; resolves when they are done or `waitMs` has passed. */
  refresh(candidates: readonly RefreshCandidate[], waitMs: number): Promise<void>;
  /** Refreshes one task now unless a call for it is already in flight. */
  refreshNow(id: string): Promise<void>;
  forget(id: string): void;
  /**
   * Fetches a task without tracking it (the inspector's look at an untracked id), sharing the
   * concurrency limit and answering from a per-id cache for one interval.
   */
  peek(id: string): Promise<FetchTaskResult>;
}

export function createRefresher(options: RefresherOptions): Refresher {
  const now = options.now ?? Date.now;
  const inFlight = new Map<string, Promise<void>>();
  const lastAttempt = new Map<string, number>();
  const limit = createLimiter(options.concurrency);
  const peeks = new Map<string, { at: number; result: Promise<FetchTaskResult> }>();

  function start(id: string): Promise<void> {
    const running = inFlight.get(id);
    if (running) return running;
    lastAttempt.set(id, now());
    const call = limit(async () => {
      const result = await options.fetchTask(id);
      const at = now();
      // Held back: nothing is stored and the next request may try again.
      if (result === null) return void lastAttempt.delete(id);
      return options.record(id, result, at);
    })
      .catch((error: unknown) => {
        // A database or programming fault must not poison the in-flight map; it is logged once.
        logEvent("error", "refresh_failed", { id, error: String(error) });
      })
      .finally(() => inFlight.delete(id));
    inFlight.set(id, call);
    return call;
  }

  function isStale(candidate: RefreshCandidate, at: number): boolean {
    const last = Math.max(lastAttempt.get(candidate.id) ?? 0, candidate.checked_at ?? 0);
    return at - last >= options.intervalMs;
  }

  return {
    async refresh(candidates, waitMs) {
      const at = now();
      const calls = candidates.filter((c) => inFlight.has(c.id) || isStale(c, at)).map((c) => start(c.id));
      if (calls.length === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
      });
      await Promise.race([Promise.all(calls), deadline]);
      clearTimeout(timer);
    },
    refreshNow: start,
    forget(id) {
      lastAttempt.delete(id);
    },
    peek(id) {
      const at = now();
      const cached = peeks.get(id);
      if (cached && at - cached.at < options.intervalMs) return cached.result;
      for (const [key, entry] of peeks) if (at - entry.at >= options.intervalMs) peeks.delete(key);
      const result = limit(() => options.fetchTask(id)).then(
        (answer): FetchTaskResult => answer ?? { ok: false, error: { code: "unavailable", message: HELD_MESSAGE } },
      );
      peeks.set(id, { at, result });
      return result;
    },
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
