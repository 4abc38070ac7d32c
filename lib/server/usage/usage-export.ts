import "server-only";

import { sql } from "kysely";

import type { UsageBucket } from "@/lib/api/usage-schemas";
import type { PaddockDb } from "@/lib/server/db";
import { readSnapshot } from "@/lib/server/tasks/task-reads";
import { computeUsage, filteredTasks, type UsagePrices } from "@/lib/server/usage/usage-store";
import { toTaskView } from "@/lib/tasks/task-view";
import { CSV_BOM, csvRow, type CsvValue, isoTime } from "@/lib/usage/csv";
import type { UsageQuery } from "@/lib/usage/usage-query";

/** CSV exports of the usage review, streamed in batches so a large registry is never held in memory. */

const BATCH = 500;
const encoder = new TextEncoder();

export const TASK_COLUMNS = [
  "task_id",
  "label",
  "action",
  "status",
  "upstream_status",
  "submitted_at",
  "finished_at",
  "resolution_tier",
  "billed_seconds",
  "delivered_seconds",
  "input_seconds",
  "ratio",
  "queue_wait_seconds",
  "generation_seconds",
  "failure_category",
  "failure_code",
  "failure_reason",
  "prompt",
] as const;

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
const sortKey = sql<number>`coalesce(submitted_at, added_at)`;

/** Filtered tasks, oldest first, read page by page with a keyset on (submit time, id). */
export function streamTasksCsv(db: PaddockDb, query: UsageQuery): ReadableStream<Uint8Array> {
  let cursor: { at: number; id: string } | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvRow(TASK_COLUMNS)));
        return;
      }
      let select = filteredTasks(db, query)
        .selectAll()
        .select(sortKey.as("sort_at"))
        .orderBy(sortKey)
        .orderBy("id")
        .limit(BATCH);
      const after = cursor;
      if (after) {
        select = select.where((eb) =>
          eb.or([eb(sortKey, ">", after.at), eb.and([eb(sortKey, "=", after.at), eb("id", ">", after.id)])]),
        );
      }
      const rows = await select.execute();
      const last = rows.at(-1);
      if (!last) {
        controller.close();
        return;
      }
      cursor = { at: Number(last.sort_at), id: last.id };
      const now = Date.now();
      const chunk = rows
        .map((row) => {
          const task = readSnapshot(row);
          const failure = task ? toTaskView(task, now).failure : null;
          return csvRow([
            row.id,
            row.label,
            row.action,
            row.status,
            row.upstream_status,
            isoTime(Number(row.sort_at)),
            isoTime(row.finished_at),
            row.resolution_tier,
            row.billed_seconds,
            row.delivered_seconds,
            row.input_seconds,
            row.ratio,
            seconds(row.queue_wait_ms),
            seconds(row.generation_ms),
            row.failure_category,
            failure?.code,
            failure?.message,
            row.prompt,
          ]);
        })
        .join("");
      controller.enqueue(encoder.encode(chunk));
    },
  });
}

export const AGGREGATE_COLUMNS = [
  "breakdown",
  "key",
  "tasks",
  "succeeded",
  "failed",
  "failure_rate",
  "billed_seconds",
  "billed_seconds_720p",
  "billed_seconds_1080p",
  "delivered_seconds",
  "input_seconds",
  "median_ms",
  "p95_ms",
] as const;

/** The aggregates the page shows, one section per breakdown, in one CSV. */
export async function aggregatesCsv(
  db: PaddockDb,
  query: UsageQuery,
  prices: UsagePrices,
): Promise<ReadableStream<Uint8Array>> {
  const usage = await computeUsage(db, query, prices);
  const rate = (failed: number, succeeded: number) =>
    failed + succeeded > 0 ? Number((failed / (failed + succeeded)).toFixed(4)) : null;
  const rows: CsvValue[][] = [];
  const { totals } = usage;
  rows.push([
    "total",
    `${isoTime(query.from)}/${isoTime(query.to)}`,
    totals.tasks,
    totals.succeeded,
    totals.failed,
    rate(totals.failed, totals.succeeded),
    totals.billedSeconds,
    totals.billedByTier["720"],
    totals.billedByTier["1080"],
    totals.deliveredSeconds,
    totals.inputSeconds,
  ]);
  for (const day of usage.byDay) {
    rows.push([
      "day",
      day.day,
      day.tasks,
      day.succeeded,
      day.failed,
      rate(day.failed, day.succeeded),
      day.billed720 + day.billed1080 + day.billedOther,
      day.billed720,
      day.billed1080,
    ]);
  }
  const bucketRows = (name: string, buckets: UsageBucket[]) => {
    for (const bucket of buckets) {
      rows.push([
        name,
        bucket.key ?? "(none)",
        bucket.tasks,
        bucket.succeeded,
        bucket.failed,
        rate(bucket.failed, bucket.succeeded),
        bucket.billedSeconds,
        null,
        null,
        bucket.deliveredSeconds,
      ]);
    }
  };
  bucketRows("label", usage.byLabel);
  bucketRows("action", usage.byAction);
  bucketRows("resolution_tier", usage.byTier);
  bucketRows("ratio", usage.byRatio);
  for (const failure of usage.failures)
    rows.push(["failure_category", failure.category, failure.count, null, failure.count]);
  const spreadRow = (key: string, spread: typeof usage.waiting.queueWait) =>
    rows.push([
      "waiting",
      key,
      spread.count,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      spread.medianMs,
      spread.p95Ms,
    ]);
  spreadRow("queue_wait", usage.waiting.queueWait);
  spreadRow("generation", usage.waiting.generation);

  const text = CSV_BOM + csvRow(AGGREGATE_COLUMNS) + rows.map((row) => csvRow(row)).join("");
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(text));
      controller.close();
    },
  });
}
