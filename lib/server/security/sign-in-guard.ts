import "server-only";

import { sql } from "kysely";

import type { PaddockDb } from "@/lib/server/db";

/**
 * Failed sign-ins slow down the address (or person) they came from, with growing delays kept in
 * the store so every instance applies them. There is no global cap: a flood of wrong passwords
 * from one client never refuses the right password from another.
 */

/** Failures allowed before any delay. */
export const FREE_FAILURES = 3;
/** The delay doubles with each further failure, from one second up to this. */
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const FORGET_AFTER_MS = 60 * 60_000;

export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(20, failures - FREE_FAILURES - 1));
}

export type AttemptVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/** Whether any of the keys (`address:…`, `person:…`) must still wait before trying again. */
export async function beginSignInAttempt(db: PaddockDb, keys: string[], now: number): Promise<AttemptVerdict> {
  if (keys.length === 0) return { ok: true };
  const row = await db
    .selectFrom("sign_in_failures")
    .select((eb) => eb.fn.max("blocked_until").as("until"))
    .where("key", "in", keys)
    .executeTakeFirst();
  const until = Number(row?.until ?? 0);
  return until > now ? { ok: false, retryAfterMs: until - now } : { ok: true };
}

export async function recordSignInFailure(db: PaddockDb, keys: string[], now: number): Promise<void> {
  for (const key of keys) {
    // One statement per key: concurrent failures on several instances all count.
    const row = await sql<{ failures: number }>`
      insert into sign_in_failures (key, failures, last_failed_at, blocked_until)
      values (${key}, 1, ${now}, 0)
      on conflict (key) do update set
        failures = case when sign_in_failures.last_failed_at < ${now - FORGET_AFTER_MS} then 1
                        else sign_in_failures.failures + 1 end,
        last_failed_at = ${now}
      returning failures`.execute(db);
    const failures = Number(row.rows[0]?.failures ?? 1);
    const delay = delayAfter(failures);
    if (delay > 0) {
      await db
        .updateTable("sign_in_failures")
        .set({ blocked_until: now + delay })
        .where("key", "=", key)
        .execute();
    }
  }
  if (Math.random() < 0.01) {
    await db
      .deleteFrom("sign_in_failures")
      .where("last_failed_at", "<", now - FORGET_AFTER_MS)
      .where("blocked_until", "<", now)
      .execute();
  }
}

/** A successful sign-in forgets the failures of its address and person. */
export async function forgetSignInFailures(db: PaddockDb, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom("sign_in_failures").where("key", "in", keys).execute();
}
