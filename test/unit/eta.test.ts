import { describe, expect, it } from "vitest";

import { DOCUMENTED_ESTIMATE, readEta } from "@/lib/tasks/eta";
import { toTaskView } from "@/lib/tasks/task-view";

import { taskWith } from "./fixtures";

/** A platform-level answer only (no DashScope part): its phases come from the platform's clock. */
function gatewayTask(times: { status: string; submitTime: number; startTime: number; finishTime?: number }) {
  return taskWith({
    status: times.status,
    submit_time: Math.floor(times.submitTime),
    start_time: Math.floor(times.startTime),
    finish_time: Math.floor(times.finishTime ?? 0),
    progress: "30%",
    result_url: undefined,
    fail_reason: "",
    data: undefined,
  });
}

const NOW = Date.UTC(2026, 11, 1, 12);
const estimate = {
  ...DOCUMENTED_ESTIMATE,
  queueP50Ms: 10_000,
  queueP90Ms: 30_000,
  generationP50Ms: 60_000,
  generationP90Ms: 120_000,
  totalP90Ms: 140_000,
};

describe("reading an estimate against the clock", () => {
  it("counts down a queued task: what is left of its wait, then the whole generation", () => {
    const view = toTaskView(gatewayTask({ status: "QUEUED", submitTime: (NOW - 4_000) / 1000, startTime: 0 }), NOW);
    expect(readEta(view, estimate, NOW)).toEqual({ state: "left", likelyMs: 66_000, atMostMs: 136_000 });
  });

  it("counts down a generating task from when it started, and says so when it runs past 9 in 10", () => {
    const started = gatewayTask({
      status: "IN_PROGRESS",
      submitTime: (NOW - 50_000) / 1000,
      startTime: (NOW - 40_000) / 1000,
    });
    expect(readEta(toTaskView(started, NOW), estimate, NOW)).toEqual({
      state: "left",
      likelyMs: 20_000,
      atMostMs: 80_000,
    });
    const late = gatewayTask({
      status: "IN_PROGRESS",
      submitTime: (NOW - 200_000) / 1000,
      startTime: (NOW - 130_000) / 1000,
    });
    expect(readEta(toTaskView(late, NOW), estimate, NOW)).toEqual({
      state: "overdue",
      phase: "generating",
      usualMaxMs: 120_000,
    });
  });

  it("has nothing to say of a finished task", () => {
    const done = gatewayTask({
      status: "SUCCESS",
      submitTime: (NOW - 90_000) / 1000,
      startTime: (NOW - 80_000) / 1000,
      finishTime: NOW / 1000,
    });
    expect(readEta(toTaskView(done, NOW), estimate, NOW)).toBeNull();
  });
});
