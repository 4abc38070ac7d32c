import { describe, expect, it } from "vitest";

import type { TaskResponse } from "@/lib/api/task-schemas";
import {
  DEFAULT_STUCK_AFTER_MS,
  lastChangeAt,
  levelsDisagreement,
  stepDurations,
  stuckFlag,
  timelineEvents,
} from "@/lib/tasks/inspection";
import { redactJson } from "@/lib/tasks/redact";
import { supportSummary } from "@/lib/tasks/support-summary";
import { toTaskView } from "@/lib/tasks/task-view";

import { documentedTask, failedTask, taskWith } from "./fixtures";

const NOW = Date.UTC(2026, 3, 28, 3, 0, 0);
const SIGNED =
  "https://dashscope-a717.oss-accelerate.aliyuncs.com/1/a.mp4?Expires=1777430361&OSSAccessKeyId=LTAI5tSecretKeyId&Signature=abcSECRETsig%3D";

function withUpstream(status: string, upstream: string) {
  const task = taskWith({ status }, { task_status: upstream });
  return toTaskView(task, NOW);
}

describe("levelsDisagreement", () => {
  it("flags a platform still in progress while upstream finished", () => {
    for (const upstream of ["SUCCEEDED", "FAILED", "CANCELED"]) {
      const flag = levelsDisagreement(withUpstream("IN_PROGRESS", upstream));
      expect(flag).toMatchObject({ platform: "IN_PROGRESS", upstream });
      expect(flag?.message).toMatch(/not caught up/);
    }
  });
  it("flags terminal levels that contradict each other", () => {
    expect(levelsDisagreement(withUpstream("SUCCESS", "FAILED"))?.message).toMatch(/succeeded while DashScope/);
    expect(levelsDisagreement(withUpstream("FAILURE", "SUCCEEDED"))?.message).toMatch(/failed while DashScope/);
  });
  it("is quiet when the levels agree or upstream is not reached", () => {
    expect(levelsDisagreement(toTaskView(documentedTask(), NOW))).toBeNull();
    expect(levelsDisagreement(withUpstream("IN_PROGRESS", "RUNNING"))).toBeNull();
    expect(levelsDisagreement(withUpstream("FAILURE", "FAILED"))).toBeNull();
    expect(levelsDisagreement({ ...toTaskView(documentedTask(), NOW), upstreamStatus: null })).toBeNull();
  });
});

describe("stuckFlag", () => {
  const running = toTaskView(taskWith({ status: "IN_PROGRESS", finish_time: 0 }), NOW);
  const lastClock = Date.UTC(2026, 3, 28, 2, 39, 4, 185); // the upstream end of the example

  it("takes the later of the clocks and the last observed change", () => {
    expect(lastChangeAt(running, null)).toBe(lastClock);
    expect(lastChangeAt(running, lastClock + 5000)).toBe(lastClock + 5000);
  });
  it("flags an active task with no change for longer than the threshold", () => {
    expect(stuckFlag(running, null, lastClock + DEFAULT_STUCK_AFTER_MS)).toBeNull();
    expect(stuckFlag(running, null, lastClock + DEFAULT_STUCK_AFTER_MS + 1)).toEqual({
      since: lastClock,
      forMs: DEFAULT_STUCK_AFTER_MS + 1,
      thresholdMs: DEFAULT_STUCK_AFTER_MS,
    });
    expect(stuckFlag(running, lastClock + 60_000, lastClock + DEFAULT_STUCK_AFTER_MS + 1)).toBeNull();
    expect(stuckFlag(running, null, lastClock + 120_000, 60_000)?.thresholdMs).toBe(60_000);
  });
  it("never flags a terminal task", () => {
    expect(stuckFlag(toTaskView(documentedTask(), NOW), null, NOW + 86_400_000)).toBeNull();
  });
});

describe("the timeline", () => {
  const view = toTaskView(documentedTask(), NOW);
  it("puts both clocks on one axis, oldest first", () => {
    expect(timelineEvents(view).map((event) => event.key)).toEqual([
      "platform-submitted",
      "upstream-submitted",
      "upstream-scheduled",
      "platform-started",
      "upstream-ended",
      "platform-finished",
    ]);
  });
  it("gives each step its duration and marks long ones", () => {
    expect(stepDurations(view).map((step) => [step.key, step.ms, step.long])).toEqual([
      ["queueWait", 27, false],
      ["generation", 81_533, false],
      ["gatewayLag", 17_000, false],
      ["total", 99_000, false],
    ]);
    const slow = { ...view, durations: { ...view.durations, queueWaitMs: 180_000, generationMs: 400_000 } };
    expect(
      stepDurations(slow)
        .filter((step) => step.long)
        .map((step) => step.key),
    ).toEqual(["queueWait", "generation"]);
  });
});

describe("redaction", () => {
  it("replaces signatures and access key ids anywhere in the answer", () => {
    const raw = {
      data: { result_url: SIGNED, fail_reason: SIGNED, data: { output: { video_url: SIGNED, note: "x" } } },
    };
    const text = JSON.stringify(redactJson(raw));
    expect(text).not.toContain("abcSECRETsig");
    expect(text).not.toContain("LTAI5tSecretKeyId");
    expect(text).toContain("Expires=1777430361");
    expect(text).toContain('"note":"x"');
    expect(raw.data.result_url).toBe(SIGNED);
  });
});

describe("supportSummary", () => {
  it("is Markdown with ids, both statuses, the timeline, the reason and no signature", () => {
    const task = failedTask({
      reason: "Input data may contain inappropriate content.",
      code: "DataInspectionFailed",
      resultUrl: SIGNED,
      videoUrl: SIGNED,
    });
    const view = toTaskView(task, NOW);
    const detail: TaskResponse = {
      task: {
        id: view.id,
        addedAt: NOW,
        boardAt: NOW,
        label: "Ada",
        view,
        snapshotAt: NOW,
        checkedAt: NOW,
        error: null,
        stopped: null,
        inspection: { disagreement: null, stuck: null },
        eta: null,
        archive: null,
        startedHere: false,
      },
      tracked: true,
      raw: null,
      history: [],
      gateway: { state: "ok", failures: 0, retryAt: null, lastError: null },
      storage: { state: "ok", message: null, since: null },
      watcher: {
        running: true,
        instances: 1,
        lastPassAt: NOW,
        activeTasks: 0,
        dueTasks: 0,
        backingOff: false,
        intervalMs: 15_000,
        configuredIntervalMs: 15_000,
      },
      mode: "live",
      pollIntervalMs: 15_000,
      serverTime: NOW,
    };
    const markdown = supportSummary(detail);
    expect(markdown).toContain("asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya");
    expect(markdown).toContain("e45a6a1b-6f05-43e5-ab06-ddfdc97587a7");
    expect(markdown).toContain("53121cad-c008-9b96-af1d-4289a4fc714b");
    expect(markdown).toContain("Platform status: **Failed**");
    expect(markdown).toContain("DashScope status: **Failed**");
    expect(markdown).toContain("2026-04-28 02:37:42.625 UTC — Submitted to DashScope");
    expect(markdown).toContain("Generation: 81.5 s");
    expect(markdown).toContain("Category: Content moderation");
    expect(markdown).toContain("`DataInspectionFailed`");
    expect(markdown).toContain("refunded");
    expect(markdown).not.toContain("abcSECRETsig");
  });
});

describe("the gateway's timeout sweep", () => {
  it("is a disagreement while DashScope still runs the task", () => {
    const view = toTaskView(
      taskWith(
        { status: "FAILURE", fail_reason: "任务超时（1440分钟）", result_url: undefined },
        { task_status: "RUNNING" },
      ),
      NOW,
    );
    expect(view.failure?.category).toBe("gateway_timeout");
    expect(levelsDisagreement(view)?.message).toMatch(/DashScope still reports running: the gateway stopped waiting/);
  });
});
