import "server-only";

import { randomUUID } from "node:crypto";

import { z } from "zod/mini";

import { backgroundLoop } from "@/lib/server/background-loop";
import type { PaddockDb } from "@/lib/server/db";
import { logEvent } from "@/lib/server/log";
import { type Endpoint, endpointFromRow } from "@/lib/server/webhooks/endpoints";
import { fanOutOnce } from "@/lib/server/webhooks/fan-out";
import { type AttemptResult, postEvent } from "@/lib/server/webhooks/post-event";
import {
  claimDueDeliveries,
  finishAttempt,
  insertDelivery,
  listEndpointRows,
  type OutboxRow,
  pruneWebhooks,
} from "@/lib/server/webhooks/webhook-store";
import { webhookEventSchema } from "@/lib/webhooks/event";

/**
 * The webhook loop, beside the watcher: each pass fans the change log out into the outbox, then
 * claims due outbox rows (a lease in the database, so several instances share them and a dead
 * one's come back) and posts them. A 2xx is delivered; anything else is tried again after a
 * growing, jittered delay, and given up after the last one (about a day). Every attempt is
 * written to the delivery log.
 */

export interface WebhookDispatcherOptions {
  db: PaddockDb;
  instanceId: string;
  envEndpoints: readonly Endpoint[];
  publicUrl: string | null;
  intervalMs?: number;
  timeoutMs?: number;
  concurrency?: number;
  maxAttempts?: number;
  /** The wait after failed attempt `attempt` (1-based). */
  retryDelayMs?: (attempt: number) => number;
  /** Whether the store keeps writes now; when not, nothing is claimed. */
  canWrite?: () => boolean;
  now?: () => number;
}

/** 10 s, 30 s, 2 min, … 8 h: twelve attempts over about 24 hours. */
export const RETRY_DELAYS_MS = [
  10_000, 30_000, 120_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 28_800_000,
];

/** The delay after a failed attempt, ±20 % so that receivers coming back are not hit all at once. */
export function retryDelayMs(attempt: number, random = Math.random): number {
  const base = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0] ?? 10_000;
  return Math.round(base * (0.8 + 0.4 * random()));
}

export const DELIVERY_LOG_SIZE = 1000;
const PRUNE_EVERY_MS = 10 * 60_000;
const SETTLED_KEPT_MS = 14 * 24 * 3_600_000;

export function createWebhookDispatcher(options: WebhookDispatcherOptions) {
  const { db, instanceId } = options;
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const concurrency = options.concurrency ?? 4;
  const maxAttempts = options.maxAttempts ?? RETRY_DELAYS_MS.length + 1;
  const delay = options.retryDelayMs ?? retryDelayMs;
  const inFlight = new Map<string, Promise<void>>();
  let lastPruneAt = 0;

  async function pass() {
    if (!(options.canWrite?.() ?? true)) return;
    await fanOutOnce(db, { envEndpoints: options.envEndpoints, publicUrl: options.publicUrl, now: now() });
    const room = concurrency - inFlight.size;
    if (room > 0) {
      const at = now();
      const rows = await claimDueDeliveries(db, {
        owner: instanceId,
        now: at,
        limit: room,
        leaseUntil: at + timeoutMs + 5000,
      });
      if (rows.length > 0) {
        const endpoints = await endpointsById();
        for (const row of rows) {
          inFlight.set(
            row.id,
            deliver(row, endpoints.get(row.endpoint_id))
              .catch((error: unknown) => logEvent("error", "webhook_delivery_failed", { error: String(error) }))
              .finally(() => inFlight.delete(row.id)),
          );
        }
      }
    }
    if (now() - lastPruneAt >= PRUNE_EVERY_MS) {
      lastPruneAt = now();
      await pruneWebhooks(db, DELIVERY_LOG_SIZE, lastPruneAt - SETTLED_KEPT_MS);
    }
  }

  async function endpointsById() {
    const rows = await listEndpointRows(db);
    return new Map([...options.envEndpoints, ...rows.map(endpointFromRow)].map((e) => [e.id, e]));
  }

  async function deliver(row: OutboxRow, endpoint: Endpoint | undefined) {
    const attempt = row.attempts + 1;
    const event = z.safeParse(webhookEventSchema, parseJson(row.event));
    let result: AttemptResult;
    if (!endpoint || !endpoint.enabled) {
      result = { ok: false, status: null, error: endpoint ? "endpoint turned off" : "endpoint removed", durationMs: 0 };
    } else if (!event.success) {
      result = { ok: false, status: null, error: "stored event unreadable", durationMs: 0 };
    } else {
      result = await postEvent(endpoint, event.data, { timeoutMs, now });
    }
    const at = now();
    const final = result.ok || !endpoint?.enabled || !event.success || attempt >= maxAttempts;
    const state = result.ok ? "delivered" : final ? "failed" : "pending";
    await finishAttempt(db, row.id, instanceId, {
      state,
      attempts: attempt,
      nextAttemptAt: final ? at : at + delay(attempt),
      at,
    });
    await recordAttempt(db, {
      eventId: row.event_id,
      endpointId: row.endpoint_id,
      taskId: row.task_id,
      attempt,
      result,
      outcome: result.ok ? "delivered" : final ? "failed" : "retrying",
      at,
    });
    const fields = {
      eventId: row.event_id,
      endpoint: row.endpoint_id,
      origin: endpoint ? new URL(endpoint.url).origin : null,
      attempt,
      status: result.status,
      error: result.error,
      ms: result.durationMs,
    };
    if (result.ok) logEvent("info", "webhook_delivered", fields);
    else logEvent(final ? "error" : "warn", final ? "webhook_gave_up" : "webhook_retrying", fields);
  }

  const loop = backgroundLoop(pass, { idleMs: intervalMs, failedEvent: "webhook_pass_failed" });

  return {
    start() {
      loop.start();
    },
    async stop() {
      await loop.stop();
      await Promise.allSettled(inFlight.values());
    },
    /** One pass and the deliveries it started, without the loop: for tests. */
    async passOnce() {
      await pass();
      await Promise.allSettled(inFlight.values());
    },
  };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function recordAttempt(
  db: PaddockDb,
  entry: {
    eventId: string;
    endpointId: string;
    taskId: string;
    attempt: number;
    result: AttemptResult;
    outcome: "delivered" | "retrying" | "failed" | "test";
    at: number;
  },
) {
  await insertDelivery(db, {
    id: randomUUID(),
    at: entry.at,
    event_id: entry.eventId,
    endpoint_id: entry.endpointId,
    task_id: entry.taskId,
    attempt: entry.attempt,
    status: entry.result.status,
    error: entry.result.error?.slice(0, 300) ?? null,
    duration_ms: entry.result.durationMs,
    result: entry.outcome,
  });
}
