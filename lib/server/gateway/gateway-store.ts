import "server-only";

import { sql } from "kysely";

import type { UpstreamError } from "@/lib/happyhorse/upstream-error";
import { isPostgres, type PaddockDb } from "@/lib/server/db";

/**
 * The gateway's health and the call budget, kept where every instance sees them: one row in the
 * database (SQL only here), or memory for a single process under test.
 */

export interface GatewaySnapshot {
  failures: number;
  nextAttemptAt: number;
  probeUntil: number;
  lastError: UpstreamError | null;
}

export interface GatewayStateStore {
  read(): Promise<GatewaySnapshot>;
  /**
   * Counts one more failure in a row and holds calls until `nextAttemptAt` (or later, if a longer
   * wait is already set), in one atomic step: no other instance can slip a call in between.
   */
  recordFailure(error: UpstreamError, nextAttemptAt: number): Promise<void>;
  /** Back to healthy: no failures, no probe. */
  reset(): Promise<void>;
  /** Takes the single probe allowed while the circuit is open; false when another has it. */
  claimProbe(now: number, until: number): Promise<boolean>;
  /**
   * Reserves the next call slot of a budget of one call per `spacingMs`, allowing bursts of
   * `burst` calls (GCRA); returns how long to wait before calling.
   */
  reserveCall(now: number, spacingMs: number, burst: number): Promise<number>;
}

export function sqlGatewayState(db: PaddockDb): GatewayStateStore {
  const greatest = isPostgres(db) ? "greatest" : "max";
  const row = () => db.updateTable("gateway_state").where("id", "=", 1);
  return {
    async read() {
      const state = await db.selectFrom("gateway_state").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
      return {
        failures: Number(state.failures),
        nextAttemptAt: Number(state.next_attempt_at),
        probeUntil: Number(state.probe_until),
        lastError: state.last_error ? (JSON.parse(state.last_error) as UpstreamError) : null,
      };
    },
    async recordFailure(error, nextAttemptAt) {
      await row()
        .set((eb) => ({
          failures: eb("failures", "+", 1),
          next_attempt_at: sql<number>`${sql.raw(greatest)}(next_attempt_at, ${Math.ceil(nextAttemptAt)})`,
          probe_until: 0,
          last_error: JSON.stringify(error),
        }))
        .execute();
    },
    async reset() {
      await row()
        .set({ failures: 0, next_attempt_at: 0, probe_until: 0, last_error: null })
        .where((eb) => eb.or([eb("failures", ">", 0), eb("probe_until", ">", 0)]))
        .execute();
    },
    async claimProbe(now, until) {
      const claimed = await row()
        .set({ probe_until: Math.ceil(until) })
        .where("probe_until", "<", now)
        .executeTakeFirst();
      return Number(claimed.numUpdatedRows) > 0;
    },
    async reserveCall(now, spacingMs, burst) {
      // The times are whole milliseconds; a spacing like 1000 / 3 rounds up, never over budget.
      spacingMs = Math.ceil(spacingMs);
      const updated = await row()
        .set({ budget_tat: sql<number>`${sql.raw(greatest)}(budget_tat, ${now}) + ${spacingMs}` })
        .returning("budget_tat")
        .executeTakeFirstOrThrow();
      return Math.max(0, Number(updated.budget_tat) - burst * spacingMs - now);
    },
  };
}

/** The same in memory: one process, or a unit test with a fake clock. */
export function memoryGatewayState(): GatewayStateStore {
  const state: GatewaySnapshot = { failures: 0, nextAttemptAt: 0, probeUntil: 0, lastError: null };
  let budgetTat = 0;
  return {
    read: async () => ({ ...state }),
    async recordFailure(error, nextAttemptAt) {
      state.failures += 1;
      state.nextAttemptAt = Math.max(state.nextAttemptAt, nextAttemptAt);
      state.probeUntil = 0;
      state.lastError = error;
    },
    async reset() {
      Object.assign(state, { failures: 0, nextAttemptAt: 0, probeUntil: 0, lastError: null });
    },
    async claimProbe(now, until) {
      if (state.probeUntil >= now) return false;
      state.probeUntil = until;
      return true;
    },
    async reserveCall(now, spacingMs, burst) {
      budgetTat = Math.max(budgetTat, now) + spacingMs;
      return Math.max(0, budgetTat - burst * spacingMs - now);
    },
  };
}
