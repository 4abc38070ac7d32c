import "server-only";

import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";

import type { Spread, UsageBucket, UsageDay, UsageResponse } from "@/lib/api/usage-schemas";
import type { PaddockDb } from "@/lib/server/db";
import type { Database } from "@/lib/server/db/schema";
import { listActions, listLabels } from "@/lib/server/tasks/task-store";
import {
  countedBilledSeconds,
  countedDeliveredSeconds,
  countedInputSeconds,
  filteredTasks,
} from "@/lib/server/usage/usage-sql";
import { FAILURE_CATEGORY_KEYS } from "@/lib/tasks/failure-category";
import { DAY_MS, dayKey, type UsageQuery } from "@/lib/usage/usage-query";

/**
 * The usage review's aggregates, computed in SQL through Kysely (portable SQL only: CASE, SUM,
 * COUNT, integer division), never by loading every row into JavaScript.
 */

export interface UsagePrices {
  currency: string;
  perSecond720: number | null;
  perSecond1080: number | null;
}

type TasksEb = ExpressionBuilder<Database, "tasks">;

const count = (eb: TasksEb, group: string) =>
  eb.fn.sum<number>(eb.case().when("status_group", "=", group).then(1).else(0).end());
const billed = (eb: TasksEb) => eb.fn.sum<number>(countedBilledSeconds);
const delivered = (eb: TasksEb) => eb.fn.sum<number>(countedDeliveredSeconds);
const billedTier = (eb: TasksEb, tier: number | null) =>
  eb.fn.sum<number>(
    eb
      .case()
      .when(
        tier === null
          ? eb.or([eb("resolution_tier", "is", null), eb("resolution_tier", "not in", [720, 1080])])
          : eb("resolution_tier", "=", tier),
      )
      .then(countedBilledSeconds)
      .else(0)
      .end(),
  );

const num = (value: unknown) => Number(value ?? 0);
const numOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const rate = (failed: number, succeeded: number) => (failed + succeeded > 0 ? failed / (failed + succeeded) : null);

async function breakdown(
  base: SelectQueryBuilder<Database, "tasks", object>,
  column: "label" | "action" | "resolution_tier" | "ratio",
): Promise<UsageBucket[]> {
  const rows = await base
    .select((eb) => [
      eb.ref(column).as("key"),
      eb.fn.countAll<number>().as("tasks"),
      count(eb, "succeeded").as("succeeded"),
      count(eb, "failed").as("failed"),
      billed(eb).as("billed"),
      delivered(eb).as("delivered"),
    ])
    .groupBy(column)
    .orderBy("tasks", "desc")
    .execute();
  return rows.map((row) => ({
    key: row.key === null ? null : String(row.key),
    tasks: num(row.tasks),
    succeeded: num(row.succeeded),
    failed: num(row.failed),
    billedSeconds: num(row.billed),
    deliveredSeconds: num(row.delivered),
  }));
}

/** Median and 95th percentile by nearest rank, each one indexed query. */
async function spread(
  base: SelectQueryBuilder<Database, "tasks", object>,
  column: "queue_wait_ms" | "generation_ms",
): Promise<Spread> {
  const filtered = base.where(column, "is not", null);
  const total = num((await filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst())?.n);
  if (total === 0) return { count: 0, medianMs: null, p95Ms: null };
  const at = async (p: number) => {
    const row = await filtered
      .select(column)
      .orderBy(column)
      .limit(1)
      .offset(Math.max(0, Math.ceil(p * total) - 1))
      .executeTakeFirst();
    return numOrNull(row?.[column]);
  };
  return { count: total, medianMs: await at(0.5), p95Ms: await at(0.95) };
}

export async function computeUsage(db: PaddockDb, query: UsageQuery, prices: UsagePrices): Promise<UsageResponse> {
  const base = filteredTasks(db, query);
  const offsetMs = query.tzOffsetMinutes * 60_000;
  // Literals, not parameters: PostgreSQL matches the GROUP BY to the select only when the text is the same.
  const dayNumber = sql<number>`cast((coalesce(submitted_at, added_at) + ${sql.lit(offsetMs)}) / ${sql.lit(DAY_MS)} as integer)`;

  const totalsRow = await base
    .select((eb) => [
      eb.fn.countAll<number>().as("tasks"),
      count(eb, "succeeded").as("succeeded"),
      count(eb, "failed").as("failed"),
      count(eb, "active").as("active"),
      billed(eb).as("billed"),
      billedTier(eb, 720).as("billed720"),
      billedTier(eb, 1080).as("billed1080"),
      billedTier(eb, null).as("billedOther"),
      delivered(eb).as("delivered"),
      eb.fn.sum<number>(countedInputSeconds).as("input"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("status_group", "=", "failed"), eb("resolution_tier", "is", null)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("failedWithoutTier"),
    ])
    .executeTakeFirst();

  const dayRows = await base
    .select((eb) => [
      dayNumber.as("day"),
      eb.fn.countAll<number>().as("tasks"),
      count(eb, "succeeded").as("succeeded"),
      count(eb, "failed").as("failed"),
      billedTier(eb, 720).as("billed720"),
      billedTier(eb, 1080).as("billed1080"),
      billedTier(eb, null).as("billedOther"),
      eb.fn.avg<number>("queue_wait_ms").as("queueWait"),
      eb.fn.avg<number>("generation_ms").as("generation"),
    ])
    .groupBy(dayNumber)
    .execute();

  const failureRows = await base
    .select((eb) => ["failure_category", eb.fn.countAll<number>().as("count")])
    .where("status_group", "=", "failed")
    .groupBy("failure_category")
    .orderBy("count", "desc")
    .execute();

  const [byLabel, byAction, byTier, byRatio, queueWait, generation, labels, actions] = await Promise.all([
    breakdown(base, "label"),
    breakdown(base, "action"),
    breakdown(base, "resolution_tier"),
    breakdown(base, "ratio"),
    spread(base, "queue_wait_ms"),
    spread(base, "generation_ms"),
    listLabels(db),
    listActions(db),
  ]);

  const succeeded = num(totalsRow?.succeeded);
  const failed = num(totalsRow?.failed);
  const billed720 = num(totalsRow?.billed720);
  const billed1080 = num(totalsRow?.billed1080);
  const priced = prices.perSecond720 !== null || prices.perSecond1080 !== null;

  return {
    period: { from: query.from, to: query.to, tzOffsetMinutes: query.tzOffsetMinutes },
    totals: {
      tasks: num(totalsRow?.tasks),
      succeeded,
      failed,
      active: num(totalsRow?.active),
      failureRate: rate(failed, succeeded),
      billedSeconds: num(totalsRow?.billed),
      billedByTier: { "720": billed720, "1080": billed1080, other: num(totalsRow?.billedOther) },
      deliveredSeconds: num(totalsRow?.delivered),
      inputSeconds: num(totalsRow?.input),
      failedWithoutTier: num(totalsRow?.failedWithoutTier),
    },
    cost: priced
      ? {
          currency: prices.currency,
          pricePerSecond: { "720": prices.perSecond720, "1080": prices.perSecond1080 },
          byTier: { "720": billed720 * (prices.perSecond720 ?? 0), "1080": billed1080 * (prices.perSecond1080 ?? 0) },
          total: billed720 * (prices.perSecond720 ?? 0) + billed1080 * (prices.perSecond1080 ?? 0),
        }
      : null,
    byDay: fillDays(query, dayRows),
    byLabel,
    byAction,
    byTier,
    byRatio,
    waiting: { queueWait, generation },
    failures: failureRows.map((row) => ({
      category: FAILURE_CATEGORY_KEYS.find((key) => key === row.failure_category) ?? "unknown",
      count: num(row.count),
    })),
    labels,
    actions,
  };
}

/** One entry per local day of the period, zeros included, so charts have no gaps. */
function fillDays(query: UsageQuery, rows: Array<Record<string, unknown>>): UsageDay[] {
  const offsetMs = query.tzOffsetMinutes * 60_000;
  const first = Math.floor((query.from + offsetMs) / DAY_MS);
  const last = Math.floor((query.to - 1 + offsetMs) / DAY_MS);
  const byNumber = new Map(rows.map((row) => [num(row.day), row]));
  const days: UsageDay[] = [];
  for (let day = first; day <= last; day += 1) {
    const row = byNumber.get(day);
    const succeeded = num(row?.succeeded);
    const failed = num(row?.failed);
    days.push({
      day: dayKey(day),
      tasks: num(row?.tasks),
      succeeded,
      failed,
      failureRate: rate(failed, succeeded),
      billed720: num(row?.billed720),
      billed1080: num(row?.billed1080),
      billedOther: num(row?.billedOther),
      avgQueueWaitMs: numOrNull(row?.queueWait),
      avgGenerationMs: numOrNull(row?.generation),
    });
  }
  return days;
}
