/** How long until the next poll. Pure, so the rules are tested without a browser. */

export const MAX_BACKOFF_MS = 5 * 60_000;

export interface PollState {
  pollIntervalMs: number;
  /** Whether any task on screen can still change. */
  hasActive: boolean;
  lastSuccessAt: number;
  lastErrorAt: number;
  errorCount: number;
}

/**
 * The interval while something is active; no polling once everything is terminal. While the
 * server errs, wait as long as the outage has lasted so far (doubling), capped at five minutes.
 */
export function nextPollDelay(state: PollState): number | false {
  const { pollIntervalMs, lastSuccessAt, lastErrorAt } = state;
  if (lastErrorAt > lastSuccessAt) {
    const outage =
      lastSuccessAt > 0 ? lastErrorAt - lastSuccessAt : pollIntervalMs * 2 ** Math.min(state.errorCount, 10);
    return Math.min(MAX_BACKOFF_MS, Math.max(pollIntervalMs, outage));
  }
  return state.hasActive ? pollIntervalMs : false;
}
