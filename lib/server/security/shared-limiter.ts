import "server-only";

import { sql } from "kysely";

import type { PaddockDb } from "@/lib/server/db";
import { createKeyedLimiter } from "@/lib/server/security/rate-limit";

/**
 * Per-client request budgets. One process keeps them in memory; several instances on PostgreSQL
 * share them in a table (a generic cell rate algorithm: one upsert per request), so a client
 * cannot multiply its budget by the number of instances.
 */

export type LimitVerdict = { ok: true } | { ok: false; retryAfterMs: number };

export interface KeyedLimiter {
  take(key: string): Promise<LimitVerdict>;
}

export function memoryLimiter(capacity: number, perSecond: number): KeyedLimiter {
  const limiter = createKeyedLimiter(capacity, perSecond);
  return { take: async (key) => limiter.tryTake(key) };
}

const PRUNE_EVERY = 1000;

export function sqlLimiter(db: PaddockDb, capacity: number, perSecond: number): KeyedLimiter {
  // Whole milliseconds, as the table keeps them; rounding up never grants more than the budget.
  const spacingMs = Math.ceil(1000 / perSecond);
  const toleranceMs = capacity * spacingMs;
  let takes = 0;
  return {
    async take(key) {
      const now = Date.now();
      takes += 1;
      if (takes % PRUNE_EVERY === 0) await db.deleteFrom("rate_limits").where("tat", "<", now).execute();
      // Takes a slot only when it fits the tolerance; a refused request costs the client nothing.
      const taken = await sql<{ tat: number }>`
        insert into rate_limits (key, tat) values (${key}, ${now + spacingMs})
        on conflict (key) do update set tat = greatest(rate_limits.tat, ${now}) + ${spacingMs}
        where greatest(rate_limits.tat, ${now}) + ${spacingMs} - ${now} <= ${toleranceMs}
        returning tat`.execute(db);
      if (taken.rows.length > 0) return { ok: true };
      const row = await db.selectFrom("rate_limits").select("tat").where("key", "=", key).executeTakeFirst();
      return { ok: false, retryAfterMs: Math.max(1, Number(row?.tat ?? now) + spacingMs - toleranceMs - now) };
    },
  };
}
