import { describe, expect, it } from "vitest";

import { EMPTY_FORM, formFromRequest, formFromTask, formInput, kindOfTask } from "@/lib/generations/form-state";
import { generationRequestSchema } from "@/lib/generations/request";
import { toTaskView } from "@/lib/tasks/task-view";

import { documentedAnswer, readAnswer, taskWith } from "./fixtures";

/** "Duplicate with changes": the form filled from what Paddock sent, or from the gateway's answer. */

const NOW = Date.parse("2026-04-28T03:00:00Z");

function viewOf(edit: (answer: ReturnType<typeof documentedAnswer>) => void = () => undefined) {
  const answer = documentedAnswer();
  edit(answer);
  return toTaskView(readAnswer(answer), NOW);
}

describe("a duplicate from the gateway's answer", () => {
  it("fills the documented text task's prompt, kind, tier, duration and ratio", () => {
    const form = formFromTask(viewOf());
    expect(form).toMatchObject({ kind: "t2v", resolution: "720P", duration: "5", ratio: "16:9" });
    expect(form.prompt.length).toBeGreaterThan(0);
    expect(kindOfTask(viewOf())).toEqual({ kind: "t2v", uncertain: false });
  });

  it("tells a first-frame image task from a text task by its usage (no aspect ratio), though both say 'generate'", () => {
    const view = viewOf((answer) => {
      const usage = (answer.data.data as { usage: Record<string, unknown> }).usage;
      delete usage.ratio;
      usage.SR = 1080;
      usage.output_video_duration = 8;
    });
    expect(view.action.value).toBe("generate");
    expect(kindOfTask(view)).toEqual({ kind: "i2v", uncertain: false });
    expect(formFromTask(view)).toMatchObject({ kind: "i2v", resolution: "1080P", duration: "8", image: "" });
  });

  it("says the kind is a guess while a 'generate' task has no usage yet, or failed", () => {
    const view = toTaskView(taskWith({ status: "IN_PROGRESS", data: null }), NOW);
    expect(kindOfTask(view)).toEqual({ kind: "t2v", uncertain: true });
    const failed = viewOf((answer) => {
      answer.data.status = "FAILURE";
      delete (answer.data.data as { usage: Record<string, unknown> }).usage.ratio;
    });
    expect(kindOfTask(failed)).toEqual({ kind: "t2v", uncertain: true });
  });

  it("maps the other actions to their kinds", () => {
    expect(kindOfTask(toTaskView(taskWith({ action: "referenceGenerate" }), NOW)).kind).toBe("r2v");
    expect(kindOfTask(toTaskView(taskWith({ action: "omniGenerate" }), NOW)).kind).toBe("edit");
    expect(kindOfTask(toTaskView(taskWith({ action: "firstTailGenerate" }), NOW)).kind).toBe("i2v");
    expect(kindOfTask(toTaskView(taskWith({ action: "constructor" }), NOW))).toEqual({ kind: "t2v", uncertain: true });
  });
});

describe("a duplicate of a task Paddock started", () => {
  it("fills every field as it was sent, inputs, seed and watermark included, and checks as sent", () => {
    const requests = [
      {
        kind: "t2v",
        prompt: "马在海滩上奔跑",
        resolution: "1080P",
        duration: 7,
        ratio: "9:16",
        seed: 42,
        watermark: true,
      },
      { kind: "i2v", prompt: "Gallop", resolution: "720P", duration: 4, image: "https://example.com/a.png" },
      {
        kind: "r2v",
        prompt: "[Image 1] runs through [Image 2]",
        resolution: "720P",
        duration: 5,
        ratio: "1:1",
        images: ["https://example.com/a.png", "https://example.com/b.png"],
      },
      { kind: "edit", prompt: "Make it snow", resolution: "720P", duration: 3, video: "https://example.com/a.mp4" },
    ];
    for (const input of requests) {
      const request = generationRequestSchema.parse(input);
      const form = formFromRequest(request);
      expect(generationRequestSchema.parse(formInput(form))).toEqual(request);
    }
    expect(formFromRequest(generationRequestSchema.parse(requests[0]))).toMatchObject({ seed: "42", watermark: true });
    expect(formFromRequest(generationRequestSchema.parse(requests[1])).seed).toBe(EMPTY_FORM.seed);
  });
});
