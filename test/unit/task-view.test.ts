import { describe, expect, it } from "vitest";

import { toTaskView } from "@/lib/tasks/task-view";
import { formatDuration } from "@/lib/tasks/time";

import { DOCUMENTED_FINISH_MS, documentedTask, failedTask, readAnswer, taskWith } from "./fixtures";

const NOW = Date.UTC(2026, 3, 28, 3, 0, 0);

describe("toTaskView on the documented example", () => {
  const view = toTaskView(documentedTask(), NOW);

  it("reads both status levels, the action and the ids", () => {
    expect(view.status).toMatchObject({ value: "SUCCESS", label: "Succeeded", terminal: true, known: true });
    expect(view.group).toBe("succeeded");
    expect(view.upstreamStatus).toMatchObject({ value: "SUCCEEDED", terminal: true });
    expect(view.action).toMatchObject({ value: "generate", known: true });
    expect(view.ids).toEqual({
      requestId: "20260428023742441081000FMrSbjcs",
      upstreamTaskId: "e45a6a1b-6f05-43e5-ab06-ddfdc97587a7",
      upstreamRequestId: "53121cad-c008-9b96-af1d-4289a4fc714b",
    });
    expect(view.prompt).toBe("一只猫在草地上奔跑");
    expect(view.progress).toBe(100);
  });

  it("reads the upstream phase strings as UTC+8", () => {
    expect(view.upstreamTimes?.submittedAt).toBe(Date.UTC(2026, 3, 28, 2, 37, 42, 625));
    expect(view.platformTimes.submittedAt).toBe(1777343862 * 1000);
    // The platform saw the submission at 02:37:42 UTC; upstream logged it at 10:37:42.625 CST.
    expect(new Date(view.upstreamTimes?.submittedAt ?? 0).toISOString()).toBe("2026-04-28T02:37:42.625Z");
  });

  it("comes out as its clocks say: queued 27 ms, generated in 81.5 s, reported 17 s after the upstream end", () => {
    expect(view.durations.queueWaitMs).toBe(27);
    expect(view.durations.generationMs).toBe(81_533);
    expect(formatDuration(view.durations.generationMs ?? 0)).toBe("81.5 s");
    expect(view.durations.gatewayLagMs).toBe(17_000);
    expect(formatDuration(view.durations.gatewayLagMs ?? 0)).toBe("17 s");
    expect(view.durations.totalMs).toBe(99_000);
  });

  it("never shows the URL that fail_reason repeats on success as a failure", () => {
    expect(view.failure).toBeNull();
  });

  it("takes the link's expiry from finish + 24 h when Expires is a placeholder", () => {
    expect(view.video?.url).toContain("xxx_refiner.mp4");
    expect(view.video?.expiresSource).toBe("finish+24h");
    expect(view.video?.expiresAt).toBe(DOCUMENTED_FINISH_MS + 24 * 3600_000);
    expect(view.video?.expired).toBe(false);
    expect(toTaskView(documentedTask(), DOCUMENTED_FINISH_MS + 24 * 3600_000).video?.expired).toBe(true);
  });

  it("reads usage", () => {
    expect(view.usage).toEqual({
      resolutionTier: 720,
      billedSeconds: 5,
      inputSeconds: 0,
      outputSeconds: 5,
      ratio: "16:9",
      videoCount: 1,
    });
  });
});

describe("statuses", () => {
  it.each([
    ["NOT_START", "Not started", false, "active"],
    ["QUEUED", "Queued", false, "active"],
    ["IN_PROGRESS", "Generating", false, "active"],
    ["SUCCESS", "Succeeded", true, "succeeded"],
    ["FAILURE", "Failed", true, "failed"],
    ["SUBMITTED", "Submitted", false, "active"],
    ["UNKNOWN", "Unknown", false, "active"],
  ])("%s is %s (terminal: %s)", (status, label, terminal, group) => {
    const view = toTaskView(taskWith({ status }), NOW);
    expect(view.status).toMatchObject({ label, terminal, known: true });
    expect(view.group).toBe(group);
  });

  it("shows an unexpected status as such and keeps polling it", () => {
    const view = toTaskView(taskWith({ status: "PAUSED_BY_OPERATOR" }), NOW);
    expect(view.status).toMatchObject({ value: "PAUSED_BY_OPERATOR", known: false, terminal: false, tone: "unknown" });
    expect(view.status.label).toBe("Paused by operator");
    expect(view.group).toBe("active");
  });

  it("shows unknown actions without crashing", () => {
    expect(toTaskView(taskWith({ action: "remixGenerate" }), NOW).action.label).toBe("Remix");
    expect(toTaskView(taskWith({ action: "holographicGenerate" }), NOW).action).toEqual({
      value: "holographicGenerate",
      label: "Holographic generate",
      known: false,
    });
    expect(toTaskView(taskWith({ action: undefined }), NOW).action.known).toBe(false);
  });

  it("reads every upstream status", () => {
    for (const [status, terminal] of [
      ["PENDING", false],
      ["RUNNING", false],
      ["SUSPENDED", false],
      ["SUCCEEDED", true],
      ["FAILED", true],
      ["CANCELED", true],
      ["UNKNOWN", true],
    ] as const) {
      const task = taskWith({}, { task_status: status });
      expect(toTaskView(task, NOW).upstreamStatus).toMatchObject({ value: status, terminal, known: true });
    }
  });
});

describe("a task before it reaches upstream", () => {
  const task = readAnswer({
    code: "success",
    data: {
      task_id: "asyntask_abc123",
      action: "generate",
      status: "NOT_START",
      submit_time: 1777343862,
      start_time: 0,
      finish_time: 0,
      progress: "",
    },
  });
  const view = toTaskView(task, NOW);

  it("has no upstream level, no phases reached and no video", () => {
    expect(view.upstreamStatus).toBeNull();
    expect(view.upstreamTimes).toBeNull();
    expect(view.platformTimes).toEqual({ submittedAt: 1777343862000, startedAt: null, finishedAt: null });
    expect(view.durations).toEqual({ queueWaitMs: null, generationMs: null, gatewayLagMs: null, totalMs: null });
    expect(view.progress).toBeNull();
    expect(view.video).toBeNull();
    expect(view.failure).toBeNull();
  });
});

describe("failures", () => {
  it("takes the reason from fail_reason and the code from upstream", () => {
    const task = failedTask({ reason: "Input data may contain inappropriate content.", code: "DataInspectionFailed" });
    const view = toTaskView(task, NOW);
    expect(view.failure).toEqual({
      message: "Input data may contain inappropriate content.",
      code: "DataInspectionFailed",
      category: "moderation",
      gatewayReason: null,
    });
    expect(view.video).toBeNull();
    expect(view.group).toBe("failed");
  });

  it("falls back to the upstream message when the platform gives none", () => {
    const task = taskWith(
      { status: "FAILURE", result_url: undefined, fail_reason: "" },
      { task_status: "FAILED", message: "An internal error has occurred." },
    );
    expect(toTaskView(task, NOW).failure?.message).toBe("An internal error has occurred.");
  });

  it("explains a canceled upstream task with no message", () => {
    const task = taskWith({ status: "FAILURE", result_url: undefined, fail_reason: "" }, { task_status: "CANCELED" });
    expect(toTaskView(task, NOW).failure?.message).toMatch(/canceled/);
  });

  it("never uses a URL in fail_reason as the reason of a failure", () => {
    const task = taskWith({ status: "FAILURE", fail_reason: "https://example.com/x.mp4?Expires=1" });
    expect(toTaskView(task, NOW).failure?.message ?? "").not.toContain("https://");
  });
});

describe("the video link", () => {
  it("reads Expires from a signed OSS link", () => {
    const expires = Math.floor(NOW / 1000) + 600;
    const url = `https://dashscope-a717.oss-accelerate.aliyuncs.com/a/b.mp4?Expires=${expires}&OSSAccessKeyId=LTAI&Signature=abc%3D`;
    const view = toTaskView(taskWith({ result_url: url, fail_reason: url }), NOW);
    expect(view.video).toEqual({
      url,
      expiresAt: expires * 1000,
      expiresSource: "signature",
      expired: false,
      allowed: false,
    });
    expect(toTaskView(taskWith({ result_url: url }), expires * 1000).video?.expired).toBe(true);
  });

  it("shows the upstream video when the platform lags behind a finished upstream task", () => {
    const view = toTaskView(taskWith({ status: "IN_PROGRESS", result_url: undefined, fail_reason: "" }), NOW);
    expect(view.video?.url).toContain("xxx_refiner.mp4");
    expect(view.status.terminal).toBe(false);
  });
});
