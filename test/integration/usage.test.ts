import { beforeAll, describe, expect, it } from "vitest";

import type { PaddockDb } from "@/lib/server/db";
import { recordRefresh } from "@/lib/server/tasks/task-service";
import { insertTasks } from "@/lib/server/tasks/task-writes";
import { AGGREGATE_COLUMNS, aggregatesCsv, streamTasksCsv, TASK_COLUMNS } from "@/lib/server/usage/usage-export";
import { computeUsage } from "@/lib/server/usage/usage-store";
import type { UsageQuery } from "@/lib/usage/usage-query";

import { describeEachDialect, openTestDatabase } from "../support/dialects";
import { readAnswer } from "../unit/fixtures";

const DAY = 86_400_000;
const D1 = Date.UTC(2026, 10, 20, 10); // 2026-11-20 10:00 UTC
const D2 = D1 + DAY;
const D3 = D2 + DAY;
const NO_PRICES = { currency: "USD", perSecond720: null, perSecond1080: null };

interface Seed {
  id: string;
  label: string | null;
  status: string;
  action: string;
  at: number;
  usage?: { SR: number; duration: number; input_video_duration?: number; ratio?: string };
  upstream?: { status: string; code?: string; message?: string };
  prompt?: string;
}

const SEEDS: Seed[] = [
  {
    id: "asyntask_A",
    label: "ada",
    status: "SUCCESS",
    action: "generate",
    at: D1,
    usage: { SR: 720, duration: 5, ratio: "16:9" },
  },
  {
    id: "asyntask_B",
    label: "ada",
    status: "SUCCESS",
    action: "referenceGenerate",
    at: D1 + 3600_000,
    usage: { SR: 1080, duration: 10, ratio: "9:16" },
  },
  {
    id: "asyntask_C",
    label: "bob",
    status: "SUCCESS",
    action: "omniGenerate",
    at: D2,
    usage: { SR: 1080, duration: 8, input_video_duration: 6 },
  },
  {
    id: "asyntask_D",
    label: "bob",
    status: "FAILURE",
    action: "generate",
    at: D2 + 60_000,
    usage: { SR: 720, duration: 5 },
    upstream: {
      status: "FAILED",
      code: "DataInspectionFailed",
      message: "Input data may contain inappropriate content.",
    },
    prompt: 'A "quoted", comma, and\nnew line',
  },
  {
    id: "asyntask_E",
    label: null,
    status: "FAILURE",
    action: "generate",
    at: D2 + 120_000,
    upstream: { status: "CANCELED" },
    prompt: "一只猫在草地上奔跑",
  },
  { id: "asyntask_F", label: "ada", status: "IN_PROGRESS", action: "generate", at: D3 },
  {
    id: "asyntask_G",
    label: "ada",
    status: "SUCCESS",
    action: "generate",
    at: D1 - 5 * DAY,
    usage: { SR: 720, duration: 5 },
  },
  {
    id: "asyntask_H",
    label: null,
    status: "SUCCESS",
    action: "generate",
    at: D3 + 60_000,
    usage: { SR: 720, duration: 3 },
    prompt: "=cmd|' /C calc'!A0",
  },
];

function answerFor(seed: Seed) {
  const submit = seed.at / 1000;
  const cst = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace("T", " ").slice(0, 23);
  const scheduled = seed.at + 1000 + (seed.id === "asyntask_B" ? 9000 : 1000);
  const ended = scheduled + (seed.id === "asyntask_C" ? 120_000 : 60_000);
  const terminal = seed.status === "SUCCESS" || seed.status === "FAILURE";
  return {
    task_id: seed.id,
    action: seed.action,
    status: seed.status,
    submit_time: submit,
    start_time: submit + 2,
    finish_time: terminal ? Math.ceil((ended + 5000) / 1000) : 0,
    progress: terminal ? "100%" : "50%",
    fail_reason: seed.upstream?.message ?? "",
    data: {
      output: {
        task_id: "e45a6a1b-6f05-43e5-ab06-ddfdc97587a7",
        task_status: seed.upstream?.status ?? (terminal ? "SUCCEEDED" : "RUNNING"),
        orig_prompt: seed.prompt ?? `prompt of ${seed.id}`,
        submit_time: cst(seed.at + 1000),
        scheduled_time: cst(scheduled),
        end_time: terminal ? cst(ended) : undefined,
        code: seed.upstream?.code,
        message: seed.upstream?.message,
      },
      usage: seed.usage ? { ...seed.usage, output_video_duration: seed.usage.duration, video_count: 1 } : undefined,
    },
  };
}

const query: UsageQuery = {
  from: D1 - 10 * 3600_000,
  to: D3 + DAY,
  tzOffsetMinutes: 0,
  label: null,
  action: null,
  tier: null,
  status: null,
};

const WATCH = { limitMs: 48 * 3_600_000, notFoundGraceMs: 0 };

async function seedAll(db: PaddockDb) {
  for (const seed of SEEDS) {
    await insertTasks(db, [seed.id], seed.at, seed.label);
    const raw = { code: "success", message: "", data: answerFor(seed) };
    await recordRefresh(db, seed.id, { ok: true, task: readAnswer(raw), raw }, seed.at + 200_000, WATCH);
  }
}

describeEachDialect("usage", (getDb, dialect) => {
  let db: PaddockDb;
  beforeAll(async () => {
    db = getDb();
    await seedAll(db);
  });

  describe("usage aggregates", () => {
    it("adds up the period: tasks, outcomes, billed seconds by tier, delivered and input seconds", async () => {
      const usage = await computeUsage(db, query, NO_PRICES);
      expect(usage.totals).toEqual({
        tasks: 7,
        succeeded: 4,
        failed: 2,
        active: 1,
        failureRate: 2 / 6,
        billedSeconds: 26,
        billedByTier: { "720": 8, "1080": 18, other: 0 },
        deliveredSeconds: 26,
        inputSeconds: 6,
        failedWithoutTier: 1,
      });
      expect(usage.cost).toBeNull();
    });

    it("breaks down by day, label, action, tier and ratio", async () => {
      const usage = await computeUsage(db, query, NO_PRICES);
      expect(usage.byDay.map((day) => [day.day, day.tasks, day.billed720, day.billed1080, day.failed])).toEqual([
        ["2026-11-20", 2, 5, 10, 0],
        ["2026-11-21", 3, 0, 8, 2],
        ["2026-11-22", 2, 3, 0, 0],
        ["2026-11-23", 0, 0, 0, 0],
      ]);
      expect(usage.byDay[1]?.failureRate).toBe(2 / 3);
      const byKey = (buckets: typeof usage.byLabel) =>
        Object.fromEntries(buckets.map((b) => [String(b.key), [b.tasks, b.succeeded, b.failed, b.billedSeconds]]));
      expect(byKey(usage.byLabel)).toEqual({ ada: [3, 2, 0, 15], bob: [2, 1, 1, 8], null: [2, 1, 1, 3] });
      expect(byKey(usage.byAction)).toEqual({
        generate: [5, 2, 2, 8],
        referenceGenerate: [1, 1, 0, 10],
        omniGenerate: [1, 1, 0, 8],
      });
      expect(byKey(usage.byTier)).toEqual({ "720": [3, 2, 1, 8], "1080": [2, 2, 0, 18], null: [2, 0, 1, 0] });
      expect(byKey(usage.byRatio)).toEqual({ "16:9": [1, 1, 0, 5], "9:16": [1, 1, 0, 10], null: [5, 2, 2, 11] });
      expect(usage.failures).toEqual(
        expect.arrayContaining([
          { category: "moderation", count: 1 },
          { category: "canceled", count: 1 },
        ]),
      );
      expect(usage.labels).toEqual(["ada", "bob"]);
    });

    it("takes the median and 95th percentile of queue wait and generation time", async () => {
      const { waiting } = await computeUsage(db, query, NO_PRICES);
      expect(waiting.queueWait).toEqual({ count: 7, medianMs: 1000, p95Ms: 9000 });
      expect(waiting.generation).toEqual({ count: 6, medianMs: 60_000, p95Ms: 120_000 });
    });

    it("filters by label, action, tier and status, and buckets days in the viewer's zone", async () => {
      expect((await computeUsage(db, { ...query, label: "ada" }, NO_PRICES)).totals.tasks).toBe(3);
      expect((await computeUsage(db, { ...query, action: "omniGenerate" }, NO_PRICES)).totals.inputSeconds).toBe(6);
      // Failed tasks report no tier: a tier filter keeps them, and the page can say how many.
      expect((await computeUsage(db, { ...query, tier: 1080 }, NO_PRICES)).totals).toMatchObject({
        tasks: 3,
        failed: 1,
        billedSeconds: 18,
        failedWithoutTier: 1,
      });
      expect((await computeUsage(db, { ...query, status: "failed" }, NO_PRICES)).totals).toMatchObject({
        tasks: 2,
        billedSeconds: 0,
      });
      // At UTC+14 the 10:00 UTC tasks of the 20th fall on the 21st.
      const east = await computeUsage(db, { ...query, tzOffsetMinutes: 14 * 60 }, NO_PRICES);
      expect(east.byDay.find((day) => day.day === "2026-11-21")?.tasks).toBe(2);
    });

    it("estimates the cost only when prices are set", async () => {
      const usage = await computeUsage(db, query, { currency: "CNY", perSecond720: 0.5, perSecond1080: 1 });
      expect(usage.cost).toEqual({
        currency: "CNY",
        pricePerSecond: { "720": 0.5, "1080": 1 },
        byTier: { "720": 4, "1080": 18 },
        total: 22,
      });
    });
  });

  async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
    return new Response(stream).text();
  }

  describe("CSV exports", () => {
    it("streams the tasks with a BOM, ISO times and correct quoting", async () => {
      const buffer = new Uint8Array(await new Response(streamTasksCsv(db, query)).arrayBuffer());
      expect([...buffer.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder("utf-8", { ignoreBOM: false }).decode(buffer);
      const lines = text.split("\r\n");
      expect(lines[0]).toMatch(/^task_id,label,action,status/);
      expect(text).toContain("asyntask_A,ada,generate,SUCCESS,SUCCEEDED,2026-11-20T10:00:00.000Z");
      expect(text).toContain('"A ""quoted"", comma, and\nnew line"');
      expect(text).toContain("一只猫在草地上奔跑");
      expect(text).toContain(`"'=cmd|' /C calc'!A0"`);
      expect(text).toContain("moderation,DataInspectionFailed,Input data may contain inappropriate content.");
      expect(text).not.toContain("asyntask_G");
      expect(lines.filter((line) => line.startsWith("asyntask_"))).toHaveLength(7);
    });

    it("pages through more rows than one batch, in order", async () => {
      const { db: big, close } = await openTestDatabase(dialect);
      const ids = Array.from({ length: 1203 }, (_, i) => `asyntask_bulk${String(i).padStart(5, "0")}`);
      await insertTasks(big, ids, D1, null);
      const text = await readAll(streamTasksCsv(big, query));
      const rows = text.split("\r\n").filter((line) => line.startsWith("asyntask_"));
      expect(rows).toHaveLength(1203);
      expect(rows[0]?.startsWith("asyntask_bulk00000")).toBe(true);
      expect(rows.at(-1)?.startsWith("asyntask_bulk01202")).toBe(true);
      await close();
    });

    it("agrees with the page to the second, a task whose levels disagree included", async () => {
      const { db: own, close } = await openTestDatabase(dialect);
      const seeds: Seed[] = [
        {
          id: "asyntask_S1",
          label: null,
          status: "SUCCESS",
          action: "generate",
          at: D1,
          usage: { SR: 720, duration: 5 },
        },
        {
          id: "asyntask_S2",
          label: null,
          status: "FAILURE",
          action: "generate",
          at: D1,
          usage: { SR: 720, duration: 5 },
        },
        // The platform still says in progress, DashScope succeeded and reported usage: not billed yet.
        {
          id: "asyntask_S3",
          label: null,
          status: "IN_PROGRESS",
          action: "generate",
          at: D1,
          usage: { SR: 1080, duration: 8 },
          upstream: { status: "SUCCEEDED" },
        },
      ];
      for (const seed of seeds) {
        await insertTasks(own, [seed.id], seed.at, null);
        const raw = { code: "success", message: "", data: answerFor(seed) };
        await recordRefresh(own, seed.id, { ok: true, task: readAnswer(raw), raw }, seed.at + 200_000, WATCH);
      }
      const page = (await computeUsage(own, query, NO_PRICES)).totals;
      const csv = (await readAll(streamTasksCsv(own, query))).split("\r\n").slice(1, -1);
      const column = (name: string) => {
        const index = TASK_COLUMNS.indexOf(name as (typeof TASK_COLUMNS)[number]);
        return csv.reduce((sum, line) => sum + Number(line.split(",")[index] || 0), 0);
      };
      expect(page.billedSeconds).toBe(5);
      expect(column("billed_seconds")).toBe(page.billedSeconds);
      expect(column("delivered_seconds")).toBe(page.deliveredSeconds);
      const aggregates = (await readAll(await aggregatesCsv(own, query, NO_PRICES))).split("\r\n").slice(1, -1);
      expect(aggregates[0]?.split(",")[6]).toBe(String(page.billedSeconds));
      await close();
    });

    it("exports the aggregates, every row with every column", async () => {
      const buffer = new Uint8Array(await new Response(await aggregatesCsv(db, query, NO_PRICES)).arrayBuffer());
      expect([...buffer.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(buffer);
      expect(text).toContain("total,2026-11-20T00:00:00.000Z/2026-11-23T10:00:00.000Z,7,4,2,0.3333,26,8,18,26,6");
      expect(text).toContain("label,ada,3,2,0,0,15");
      expect(text).toContain("label,(none),2,1,1,0.5,3");
      expect(text).toContain("waiting,generation,6,,,,,,,,,60000,120000");
      const rows = text
        .replace(/^\uFEFF/, "")
        .split("\r\n")
        .slice(0, -1);
      for (const row of rows) expect(row.split(",").length, row).toBe(AGGREGATE_COLUMNS.length);
    });
  });
});
