import "server-only";

import { sql } from "kysely";

import type { PaddockDb } from "@/lib/server/db";
import type { EtaGroup } from "@/lib/tasks/eta";

/**
 * The ETA's groups, computed in SQL from the team's most recent finished tasks: for each kind,
 * tier and billed duration (and each coarser grouping), the median and 90th percentile of queue
 * wait and generation time by nearest rank (window functions, on SQLite and PostgreSQL alike).
 * Kept per store for a minute: new finishes move it, a poll does not recompute it.
 */

const HISTORY = 2000;
const KEEP_MS = 60_000;

/** From the finest grouping to none at all; each keys the groups as `kind|tier|seconds` (`*`: any). */
const LEVELS = [
  { columns: sql`action, tier, seconds`, key: (row: Row) => `${row.action}|${row.tier}|${row.seconds}` },
  { columns: sql`action, tier`, key: (row: Row) => `${row.action}|${row.tier}|*` },
  { columns: sql`action`, key: (row: Row) => `${row.action}|*|*` },
  { columns: null, key: () => "*|*|*" },
] as const;

interface Row {
  action: string | null;
  tier: number | null;
  seconds: number | null;
  n: number | string;
  q50: number | string | null;
  q90: number | string | null;
  g50: number | string | null;
  g90: number | string | null;
  t90: number | string | null;
}

const kept = new WeakMap<PaddockDb, { at: number; groups: Promise<Map<string, EtaGroup>> }>();

export function etaGroups(db: PaddockDb, now = Date.now()): Promise<Map<string, EtaGroup>> {
  const entry = kept.get(db);
  if (entry && now - entry.at < KEEP_MS) return entry.groups;
  const groups = computeGroups(db).catch((error: unknown) => {
    kept.delete(db);
    throw error;
  });
  kept.set(db, { at: now, groups });
  return groups;
}

async function computeGroups(db: PaddockDb): Promise<Map<string, EtaGroup>> {
  const groups = new Map<string, EtaGroup>();
  for (const level of LEVELS) {
    const partition = level.columns ? sql`partition by ${level.columns}` : sql``;
    const grouping = level.columns ? sql`${level.columns}, n` : sql`n`;
    const result = await sql<Row>`
      with recent as (
        select action, resolution_tier as tier, cast(round(billed_seconds) as integer) as seconds,
          queue_wait_ms as q, generation_ms as g
        from tasks
        where status_group = 'succeeded' and queue_wait_ms is not null and generation_ms is not null
        order by coalesce(submitted_at, added_at) desc
        limit ${HISTORY}
      ),
      ranked as (
        select action, tier, seconds, q, g,
          row_number() over (${partition} order by q) as qr,
          row_number() over (${partition} order by g) as gr,
          row_number() over (${partition} order by q + g) as tr,
          count(*) over (${partition}) as n
        from recent
      )
      select min(action) as action, min(tier) as tier, min(seconds) as seconds, n,
        max(case when qr = (n + 1) / 2 then q end) as q50,
        max(case when qr = (9 * n + 9) / 10 then q end) as q90,
        max(case when gr = (n + 1) / 2 then g end) as g50,
        max(case when gr = (9 * n + 9) / 10 then g end) as g90,
        max(case when tr = (9 * n + 9) / 10 then q + g end) as t90
      from ranked
      group by ${grouping}`.execute(db);
    for (const row of result.rows) {
      const samples = Number(row.n);
      groups.set(level.key(row), {
        key: level.key(row),
        samples,
        queueP50Ms: Number(row.q50 ?? 0),
        queueP90Ms: Number(row.q90 ?? 0),
        generationP50Ms: Number(row.g50 ?? 0),
        generationP90Ms: Number(row.g90 ?? 0),
        totalP90Ms: Number(row.t90 ?? 0),
      });
    }
  }
  return groups;
}
