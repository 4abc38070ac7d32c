import "server-only";

import { sql } from "kysely";

import type { PaddockDb } from "@/lib/server/db";

/**
 * Failed sign-ins slow down the address (or person) they came from, with growing delays kept in
 * the store so every instance applies them. There is no global cap: a flood of wrong passwords
 * from one client never refuses the right password from another.
 */

/** Failures allowed before any delay. */
const FREE_FAILURES = 3;
/** The delay doubles with each further failure, from one second up to this. */
const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const FORGET_AFTER_MS = 60 * 60_000;

export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(20, failures - FREE_FAILURES - 1));
}

export type AttemptVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/** How long an attempt holds its keys while the password is checked (then its outcome decides). */
const ATTEMPT_HOLD_MS = 5_000;

/**
 * Takes the keys (`address:…`) for one attempt, atomically: refused while a delay runs or while
 * another attempt from the same keys is being checked, so guesses sent in parallel wait their
 * turn like any others. The hold ends with `recordSignInFailure` or `forgetSignInFailures`.
 */
export async function beginSignInAttempt(db: PaddockDb, keys: string[], now: number): Promise<AttemptVerdict> {
  const held: string[] = [];
  for (const key of keys) {
    await sql`insert into sign_in_failures (key, failures, last_failed_at, blocked_until)
      values (${key}, 0, 0, 0) on conflict (key) do nothing`.execute(db);
    const taken = await sql<{ failures: number }>`
      update sign_in_failures set blocked_until = ${now + ATTEMPT_HOLD_MS}
      where key = ${key} and blocked_until <= ${now}
      returning failures`.execute(db);
    if (taken.rows.length === 0) {
      // Let go of what this attempt took, and say how long the refusal lasts.
      for (const other of held) await releaseHold(db, other, now);
      const row = await db
        .selectFrom("sign_in_failures")
        .select("blocked_until")
        .where("key", "=", key)
        .executeTakeFirst();
      return { ok: false, retryAfterMs: Math.max(1000, Number(row?.blocked_until ?? now) - now) };
    }
    held.push(key);
  }
  return { ok: true };
}

async function releaseHold(db: PaddockDb, key: string, now: number) {
  await db
    .updateTable("sign_in_failures")
    .set({ blocked_until: now })
    .where("key", "=", key)
    .where("blocked_until", "=", now + ATTEMPT_HOLD_MS)
    .execute();
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
    // Replaces the attempt's hold: no delay for the first failures, a growing one after.
    await db
      .updateTable("sign_in_failures")
      .set({ blocked_until: now + delayAfter(failures) })
      .where("key", "=", key)
      .execute();
  }
  if (Math.random() < 0.01) {
    await db
      .deleteFrom("sign_in_failures")
      .where("last_failed_at", "<", now - FORGET_AFTER_MS)
      .where("blocked_until", "<", now)
      .execute();
  }
}

/** A successful sign-in forgets the failures of its address and person (and ends its hold). */
export async function forgetSignInFailures(db: PaddockDb, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom("sign_in_failures").where("key", "in", keys).execute();
}
