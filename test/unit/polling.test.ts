import { describe, expect, it } from "vitest";

import { MAX_BACKOFF_MS, nextPollDelay } from "@/lib/tasks/polling";

const base = { pollIntervalMs: 15_000, hasActive: true, lastSuccessAt: 1_000, lastErrorAt: 0, errorCount: 0 };

describe("nextPollDelay", () => {
  it("polls at the interval while a task is active", () => {
    expect(nextPollDelay(base)).toBe(15_000);
  });
  it("stops when every task is terminal", () => {
    expect(nextPollDelay({ ...base, hasActive: false })).toBe(false);
  });
  it("backs off as long as the outage has lasted, capped", () => {
    expect(nextPollDelay({ ...base, lastErrorAt: 16_000, errorCount: 1 })).toBe(15_000);
    expect(nextPollDelay({ ...base, lastErrorAt: 61_000, errorCount: 3 })).toBe(60_000);
    expect(nextPollDelay({ ...base, lastErrorAt: 10_000_000, errorCount: 40 })).toBe(MAX_BACKOFF_MS);
  });
  it("backs off on errors even when every task is terminal, so the board recovers", () => {
    expect(nextPollDelay({ ...base, hasActive: false, lastErrorAt: 31_000, errorCount: 2 })).toBe(30_000);
  });
  it("doubles per error when nothing ever loaded", () => {
    const never = { ...base, lastSuccessAt: 0, lastErrorAt: 5 };
    expect(nextPollDelay({ ...never, errorCount: 1 })).toBe(30_000);
    expect(nextPollDelay({ ...never, errorCount: 2 })).toBe(60_000);
  });
});
