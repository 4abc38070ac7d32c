/**
 * When Paddock stops watching a task that never finished: the gateway kept saying it does not
 * know the task, or the task outlived the watching limit. Pure: shared by server and browser.
 */

export const STOP_REASONS = ["not_found", "gave_up"] as const;
export type StopReason = (typeof STOP_REASONS)[number];

/** How many "not found" answers in a row, over the grace period, confirm a task is missing. */
export const NOT_FOUND_CONFIRMATIONS = 3;

export const STOPS = {
  not_found: {
    label: "Not found at the gateway",
    explanation:
      "The gateway answered several times, minutes apart, that it does not know this task, so Paddock stopped asking. Check the id, and that Paddock uses the gateway (and key) that created the task.",
  },
  gave_up: {
    label: "Gave up watching",
    explanation:
      "The task did not finish within Paddock's watching limit, so Paddock stopped asking the gateway. Generations take 1-5 minutes: ask the gateway's support about it, quoting its ids.",
  },
} as const satisfies Record<StopReason, { label: string; explanation: string }>;
