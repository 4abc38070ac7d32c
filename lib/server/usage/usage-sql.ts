import "server-only";

import { sql } from "kysely";

import type { PaddockDb } from "@/lib/server/db";
import type { UsageQuery } from "@/lib/usage/usage-query";

/**
 * The definitions the usage page and both CSV exports share, so their numbers agree to the
 * second: a period is by submit time (or, before the first answer, the time Paddock started
 * tracking), and seconds count for succeeded tasks only (a failed task is refunded; an active
 * one, or one whose levels disagree, is not billed yet).
 */

export const submittedAt = sql<number>`coalesce(submitted_at, added_at)`;

export const countedBilledSeconds = sql<number>`case when status_group = 'succeeded' then coalesce(billed_seconds, 0) else 0 end`;
export const countedDeliveredSeconds = sql<number>`case when status_group = 'succeeded' then coalesce(delivered_seconds, 0) else 0 end`;
/** Input seconds matter for video edits only. */
export const countedInputSeconds = sql<number>`case when status_group = 'succeeded' and action = 'omniGenerate' then coalesce(input_seconds, 0) else 0 end`;

/**
 * The tasks a usage query covers. Failed tasks report no resolution tier, so under a tier filter
 * the failures without one stay in (the page says so): they would otherwise vanish.
 */
export function filteredTasks(db: PaddockDb, query: UsageQuery) {
  let select = db.selectFrom("tasks").where(submittedAt, ">=", query.from).where(submittedAt, "<", query.to);
  if (query.label) select = select.where("label", "=", query.label);
  if (query.action) select = select.where("action", "=", query.action);
  const { tier } = query;
  if (tier) {
    select = select.where((eb) =>
      eb.or([
        eb("resolution_tier", "=", tier),
        eb.and([eb("resolution_tier", "is", null), eb("status_group", "=", "failed")]),
      ]),
    );
  }
  if (query.status) select = select.where("status_group", "=", query.status);
  return select;
}
