import "server-only";

import { type Insertable, type Selectable, sql, type Transaction, type Updateable } from "kysely";

import { isPostgres, type PaddockDb } from "@/lib/server/db";
import type {
  Database,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
  WebhookOutboxTable,
} from "@/lib/server/db/schema";

/**
 * What webhooks keep in the database, shared by every instance: the endpoints added on the
 * Settings page, the cursor into the change log, the outbox and the delivery log. SQL only.
 */

export type EndpointRow = Selectable<WebhookEndpointsTable>;
export type OutboxRow = Selectable<WebhookOutboxTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

export function listEndpointRows(db: PaddockDb | Transaction<Database>) {
  return db.selectFrom("webhook_endpoints").selectAll().orderBy("created_at").orderBy("id").execute();
}

export function getEndpointRow(db: PaddockDb, id: string) {
  return db.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertEndpoint(db: PaddockDb, row: Insertable<WebhookEndpointsTable>) {
  await db.insertInto("webhook_endpoints").values(row).execute();
}

export async function updateEndpoint(db: PaddockDb, id: string, patch: Updateable<WebhookEndpointsTable>) {
  const result = await db.updateTable("webhook_endpoints").set(patch).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes an endpoint and what was still to be sent to it; its delivery log stays. */
export async function deleteEndpoint(db: PaddockDb, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("webhook_endpoints").where("id", "=", id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await trx.deleteFrom("webhook_outbox").where("endpoint_id", "=", id).where("state", "=", "pending").execute();
    return true;
  });
}

/**
 * Takes the cursor for this transaction and returns it. A write comes first on purpose: on
 * PostgreSQL it locks the row (a second consumer waits, then reads the advanced cursor), on
 * SQLite it takes the database's write lock before anything is read.
 */
export async function lockCursor(trx: Transaction<Database>): Promise<number> {
  const row = await trx
    .updateTable("webhook_cursor")
    .set((eb) => ({ seq: eb.ref("seq") }))
    .where("id", "=", 1)
    .returning("seq")
    .executeTakeFirstOrThrow();
  return Number(row.seq);
}

export async function advanceCursor(trx: Transaction<Database>, from: number, to: number) {
  if (to === from) return;
  await trx.updateTable("webhook_cursor").set({ seq: to }).where("id", "=", 1).where("seq", "=", from).execute();
}

export async function readCursor(db: PaddockDb): Promise<number> {
  const row = await db.selectFrom("webhook_cursor").select("seq").where("id", "=", 1).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** The log's head as committed: every change up to it is visible (commits follow the sequence). */
export async function readHead(trx: Transaction<Database>): Promise<number> {
  const row = await trx.selectFrom("change_log_head").select("seq").where("id", "=", 1).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Changes in (after, upTo] that may end a task: a terminal status, or a stop. */
export function terminalCandidates(trx: Transaction<Database>, after: number, upTo: number, limit: number) {
  return trx
    .selectFrom("task_changes")
    .selectAll()
    .where("seq", ">", after)
    .where("seq", "<=", upTo)
    .where((eb) =>
      eb.or([
        eb.and([eb("kind", "=", "changed"), eb("status", "in", ["SUCCESS", "FAILURE"])]),
        eb("kind", "=", "stopped"),
      ]),
    )
    .orderBy("seq")
    .limit(limit)
    .execute();
}

/** The status of the task's change before `seq` (undefined: there was none). */
export async function previousStatus(trx: Transaction<Database>, taskId: string, seq: number) {
  const row = await trx
    .selectFrom("task_changes")
    .select("status")
    .where("task_id", "=", taskId)
    .where("kind", "=", "changed")
    .where("seq", "<", seq)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? row.status : undefined;
}

export function tasksByIds(trx: Transaction<Database>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return trx.selectFrom("tasks").selectAll().where("id", "in", ids).execute();
}

/** Adds outbox rows; one already there for the same (endpoint, event) is left alone. */
export async function insertOutbox(trx: Transaction<Database>, rows: Array<Insertable<WebhookOutboxTable>>) {
  let inserted = 0;
  for (let index = 0; index < rows.length; index += 100) {
    const result = await trx
      .insertInto("webhook_outbox")
      .values(rows.slice(index, index + 100))
      .onConflict((oc) => oc.columns(["endpoint_id", "event_id"]).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export interface OutboxClaim {
  owner: string;
  now: number;
  limit: number;
  leaseUntil: number;
}

/** Claims due deliveries for `owner`, oldest due first; concurrent claimers skip each other's rows. */
export async function claimDueDeliveries(db: PaddockDb, claim: OutboxClaim): Promise<OutboxRow[]> {
  const lock = isPostgres(db) ? sql`for update skip locked` : sql``;
  const result = await sql<OutboxRow>`
    update webhook_outbox set lease_owner = ${claim.owner}, lease_until = ${claim.leaseUntil}
    where id in (
      select id from webhook_outbox
      where state = 'pending' and next_attempt_at <= ${claim.now}
        and (lease_until is null or lease_until < ${claim.now})
      order by next_attempt_at, created_at, id
      limit ${claim.limit} ${lock}
    )
    returning *`.execute(db);
  return result.rows.map((row) => ({
    ...row,
    attempts: Number(row.attempts),
    next_attempt_at: Number(row.next_attempt_at),
  }));
}

/** Ends an attempt: delivered, failed for good, or due again at `nextAttemptAt`; the lease goes. */
export async function finishAttempt(
  db: PaddockDb,
  id: string,
  owner: string,
  outcome: { state: OutboxRow["state"]; attempts: number; nextAttemptAt: number; at: number },
) {
  await db
    .updateTable("webhook_outbox")
    .set({
      state: outcome.state,
      attempts: outcome.attempts,
      next_attempt_at: outcome.nextAttemptAt,
      updated_at: outcome.at,
      lease_owner: null,
      lease_until: null,
    })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .execute();
}

export async function insertDelivery(db: PaddockDb, row: DeliveryRow) {
  await db.insertInto("webhook_deliveries").values(row).execute();
}

export function listDeliveries(db: PaddockDb, limit: number) {
  return db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export function listOutbox(db: PaddockDb) {
  return db.selectFrom("webhook_outbox").selectAll().orderBy("created_at").orderBy("id").execute();
}

/** Keeps the delivery log to its newest `keep` rows, and forgets settled outbox rows older than `before`. */
export async function pruneWebhooks(db: PaddockDb, keep: number, before: number) {
  const edge = await db
    .selectFrom("webhook_deliveries")
    .select("at")
    .orderBy("at", "desc")
    .offset(keep)
    .limit(1)
    .executeTakeFirst();
  if (edge) await db.deleteFrom("webhook_deliveries").where("at", "<=", Number(edge.at)).execute();
  await db.deleteFrom("webhook_outbox").where("state", "!=", "pending").where("updated_at", "<", before).execute();
}
