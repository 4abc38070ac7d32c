import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { interpretAnswer } from "@/lib/happyhorse/client";
import { toTaskView } from "@/lib/tasks/task-view";

/**
 * The fixture corpus: answers that gateways of the family really send, each built from the
 * gateway's source or published docs (its `source` says which), read through exactly what
 * production runs (interpretAnswer, then toTaskView), against the reading a person would make.
 */

interface Fixture {
  source: string;
  note: string;
  httpStatus: number;
  answer: unknown;
  expected: {
    kind: "task" | "error";
    errorCode?: string;
    taskId: string | null;
    status: string | null;
    terminal: boolean;
    progress: number | null;
    videoUrl: string | null;
    failureMessage: string | null;
    failureCode: string | null;
    failureCategory: string | null;
    upstreamStatus: string | null;
    submittedAtMs: number | null;
    finishedAtMs: number | null;
    usage: { tier: number | null; billedSeconds: number | null; ratio: string | null } | null;
  };
}

const DIR = path.join(process.cwd(), "test/fixtures/gateway-answers");
const FIXTURES = readdirSync(DIR)
  .filter((name) => name.endsWith(".json"))
  .map((name) => [name, JSON.parse(readFileSync(path.join(DIR, name), "utf8")) as Fixture] as const);
const NOW = Date.UTC(2026, 4, 3, 12);

describe("the gateway answer corpus", () => {
  it("has a source for every fixture", () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(25);
    for (const [, fixture] of FIXTURES) expect(fixture.source.length).toBeGreaterThan(10);
  });

  it.each(FIXTURES)("%s reads as a person would", (_name, { httpStatus, answer, expected }) => {
    const result = interpretAnswer(httpStatus, null, JSON.stringify(answer));
    if (expected.kind === "error") {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe(expected.errorCode);
      return;
    }
    if (!result.ok) throw new Error(`Read as an error: ${result.error.code} ${result.error.message}`);
    const view = toTaskView(result.task, NOW);
    expect({
      taskId: view.id,
      status: view.status.value,
      terminal: view.status.terminal,
      progress: view.progress,
      videoUrl: view.video?.url ?? null,
      failureMessage: view.failure?.message ?? null,
      failureCode: view.failure?.code ?? null,
      failureCategory: view.failure?.category ?? null,
      upstreamStatus: view.upstreamStatus?.value ?? null,
      submittedAtMs: view.platformTimes.submittedAt,
      finishedAtMs: view.platformTimes.finishedAt,
      usage: view.usage
        ? { tier: view.usage.resolutionTier, billedSeconds: view.usage.billedSeconds, ratio: view.usage.ratio }
        : null,
    }).toEqual({
      taskId: expected.taskId,
      status: expected.status,
      terminal: expected.terminal,
      progress: expected.progress,
      videoUrl: expected.videoUrl,
      failureMessage: expected.failureMessage,
      failureCode: expected.failureCode,
      failureCategory: expected.failureCategory,
      upstreamStatus: expected.upstreamStatus,
      submittedAtMs: expected.submittedAtMs,
      finishedAtMs: expected.finishedAtMs,
      usage: expected.usage,
    });
  });
});
