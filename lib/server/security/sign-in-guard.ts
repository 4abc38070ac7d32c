import "server-only";

import { createWindowCounter } from "@/lib/server/security/rate-limit";

/**
 * At most 5 failed sign-ins per minute per client, and 30 in all: the client's address can be
 * spoofed when no proxy sets it, so the global cap is what really bounds guessing.
 */
export const FAILURES_PER_CLIENT = 5;
export const FAILURES_IN_ALL = 30;
const WINDOW_MS = 60_000;
const GUARD_KEY = Symbol.for("paddock.sign-in.guard");

type GuardHolder = {
  [GUARD_KEY]?: { client: ReturnType<typeof createWindowCounter>; all: ReturnType<typeof createWindowCounter> };
};

function guard() {
  const holder = globalThis as GuardHolder;
  holder[GUARD_KEY] ??= {
    client: createWindowCounter(FAILURES_PER_CLIENT, WINDOW_MS),
    all: createWindowCounter(FAILURES_IN_ALL, WINDOW_MS),
  };
  return holder[GUARD_KEY];
}

export function signInBlocked(client: string): { blocked: false } | { blocked: true; retryAfterMs: number } {
  const { client: perClient, all } = guard();
  const mine = perClient.blocked(client);
  return mine.blocked ? mine : all.blocked("all");
}

export function recordFailedSignIn(client: string) {
  const { client: perClient, all } = guard();
  perClient.record(client);
  all.record("all");
}
