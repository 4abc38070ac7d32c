import "server-only";

import type { PaddockDb } from "@/lib/server/db";
import { latestSeq } from "@/lib/server/tasks/change-log";
import { type Endpoint, endpointFromRow, wants } from "@/lib/server/webhooks/endpoints";
import { buildEvent, transitionOutcome } from "@/lib/server/webhooks/webhook-events";
import {
  advanceCursor,
  insertOutbox,
  listEndpointRows,
  lockCursor,
  previousStatus,
  readCursor,
  readHead,
  tasksByIds,
  terminalCandidates,
} from "@/lib/server/webhooks/webhook-store";

/**
 * The outbox's producer: a durable consumer of the change log. In one transaction it takes the
 * cursor (a row lock: a second instance waits, then starts where this one ended), turns the
 * terminal changes after it into one outbox row per (event, endpoint that wants it), and moves
 * the cursor past them. A restart or a second instance therefore never fans a change out twice,
 * and the unique (endpoint, event) key would refuse it anyway.
 */

export interface FanOutOptions {
  /** Endpoints from the environment; those of the Settings page are read in the transaction. */
  envEndpoints: readonly Endpoint[];
  publicUrl: string | null;
  now: number;
  /** Changes examined per transaction. */
  limit?: number;
}

export interface FanOutResult {
  cursor: number;
  /** Transitions found (whether or not an endpoint wanted them). */
  events: number;
  /** Outbox rows added. */
  rows: number;
}

const DEFAULT_LIMIT = 200;

export async function fanOutOnce(db: PaddockDb, options: FanOutOptions): Promise<FanOutResult> {
  const limit = options.limit ?? DEFAULT_LIMIT;
  // Idle (nothing after the cursor): no transaction, no lock, no write.
  const seen = await readCursor(db);
  if ((await latestSeq(db)) <= seen) return { cursor: seen, events: 0, rows: 0 };
  return db.transaction().execute(async (trx) => {
    const cursor = await lockCursor(trx);
    const head = await readHead(trx);
    if (head <= cursor) return { cursor, events: 0, rows: 0 };
    const changes = await terminalCandidates(trx, cursor, head, limit);
    // A full page may stop short of the head: the next pass starts after its last change.
    const next = changes.length === limit ? Number(changes.at(-1)?.seq ?? head) : head;
    const endpoints = [...options.envEndpoints, ...(await listEndpointRows(trx)).map(endpointFromRow)];
    const tasks = new Map((await tasksByIds(trx, [...new Set(changes.map((c) => c.task_id))])).map((t) => [t.id, t]));
    const rows = [];
    let events = 0;
    for (const change of changes) {
      const task = tasks.get(change.task_id);
      // Untracked since: nobody follows it any more.
      if (!task) continue;
      const previous = change.kind === "changed" ? await previousStatus(trx, task.id, Number(change.seq)) : null;
      const outcome = transitionOutcome(change, previous, task);
      if (!outcome) continue;
      events += 1;
      const targets = endpoints.filter((endpoint) => wants(endpoint, outcome, task.label));
      if (targets.length === 0) continue;
      const event = buildEvent(change, outcome, task, options.publicUrl);
      const text = JSON.stringify(event);
      for (const endpoint of targets) {
        rows.push({
          id: `${event.id}:${endpoint.id}`,
          endpoint_id: endpoint.id,
          event_id: event.id,
          task_id: task.id,
          outcome,
          event: text,
          state: "pending" as const,
          attempts: 0,
          next_attempt_at: options.now,
          created_at: options.now,
          updated_at: options.now,
        });
      }
    }
    const inserted = await insertOutbox(trx, rows);
    await advanceCursor(trx, cursor, next);
    return { cursor: next, events, rows: inserted };
  });
}
