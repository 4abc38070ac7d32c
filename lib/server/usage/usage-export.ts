import "server-only";

import type { UsageBucket } from "@/lib/api/usage-schemas";
import type { PaddockDb } from "@/lib/server/db";
import { readSnapshot } from "@/lib/server/tasks/tracked-task";
import {
  countedBilledSeconds,
  countedDeliveredSeconds,
  countedInputSeconds,
  filteredTasks,
  submittedAt as sortKey,
} from "@/lib/server/usage/usage-sql";
import { computeUsage, type UsagePrices } from "@/lib/server/usage/usage-store";
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
        // The page's definitions, so a sum of this column is the page's number.
        .select([
          sortKey.as("sort_at"),
          countedBilledSeconds.as("counted_billed"),
          countedDeliveredSeconds.as("counted_delivered"),
          countedInputSeconds.as("counted_input"),
        ])
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
            Number(row.counted_billed),
            Number(row.counted_delivered),
            Number(row.counted_input),
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
  type Row = Partial<Record<(typeof AGGREGATE_COLUMNS)[number], CsvValue>>;
  const rows: Row[] = [];
  const outcome = (counts: { tasks: number; succeeded: number; failed: number }) => ({
    tasks: counts.tasks,
    succeeded: counts.succeeded,
    failed: counts.failed,
    failure_rate: rate(counts.failed, counts.succeeded),
  });
  const { totals } = usage;
  rows.push({
    breakdown: "total",
    key: `${isoTime(query.from)}/${isoTime(query.to)}`,
    ...outcome(totals),
    billed_seconds: totals.billedSeconds,
    billed_seconds_720p: totals.billedByTier["720"],
    billed_seconds_1080p: totals.billedByTier["1080"],
    delivered_seconds: totals.deliveredSeconds,
    input_seconds: totals.inputSeconds,
  });
  for (const day of usage.byDay) {
    rows.push({
      breakdown: "day",
      key: day.day,
      ...outcome(day),
      billed_seconds: day.billed720 + day.billed1080 + day.billedOther,
      billed_seconds_720p: day.billed720,
      billed_seconds_1080p: day.billed1080,
    });
  }
  const bucketRows = (breakdown: string, buckets: UsageBucket[]) => {
    for (const bucket of buckets) {
      rows.push({
        breakdown,
        key: bucket.key ?? "(none)",
        ...outcome(bucket),
        billed_seconds: bucket.billedSeconds,
        delivered_seconds: bucket.deliveredSeconds,
      });
    }
  };
  bucketRows("label", usage.byLabel);
  bucketRows("action", usage.byAction);
  bucketRows("resolution_tier", usage.byTier);
  bucketRows("ratio", usage.byRatio);
  for (const failure of usage.failures) {
    rows.push({ breakdown: "failure_category", key: failure.category, tasks: failure.count, failed: failure.count });
  }
  for (const [key, spread] of [
    ["queue_wait", usage.waiting.queueWait],
    ["generation", usage.waiting.generation],
  ] as const) {
    rows.push({ breakdown: "waiting", key, tasks: spread.count, median_ms: spread.medianMs, p95_ms: spread.p95Ms });
  }

  // Every row has every column, empty where a breakdown has no such number.
  const text =
    CSV_BOM +
    csvRow(AGGREGATE_COLUMNS) +
    rows.map((row) => csvRow(AGGREGATE_COLUMNS.map((column) => row[column]))).join("");
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(text));
      controller.close();
    },
  });
}
