import "server-only";

import type { BulkAction, TrackResponse, TrackResult } from "@/lib/api/task-schemas";
import type { FetchTaskResult } from "@/lib/happyhorse/client";
import { checkTaskId, sameTaskId } from "@/lib/happyhorse/task-id";
import type { PaddockDb } from "@/lib/server/db";
import { logEvent } from "@/lib/server/log";
import type { Runtime } from "@/lib/server/runtime";
import type { Principal } from "@/lib/server/security/principal";
import { DERIVATION_VERSION, derivedColumns } from "@/lib/server/tasks/snapshot-columns";
import {
  activeAmong,
  countActiveAddedBy,
  getTask,
  listStaleDerivations,
  type TaskRow,
  trackedAmong,
} from "@/lib/server/tasks/task-store";
import {
  deleteTask,
  deleteTasks,
  insertTasks,
  type NotFoundStreak,
  stopTasksStartedBefore,
  updateDerivedColumns,
  updateLabel,
  updateLabels,
  writeRefreshError,
  writeSnapshot,
} from "@/lib/server/tasks/task-writes";
import { readSnapshot } from "@/lib/server/tasks/tracked-task";
import { markDueNow, markViewed } from "@/lib/server/watcher/watch-store";
import { toTaskView } from "@/lib/tasks/task-view";
import { NOT_FOUND_CONFIRMATIONS, STOP_REASONS } from "@/lib/tasks/watch";

/**
 * What the task operations mean: tracking, labelling, untracking, and recording what the
 * gateway answered. Route handlers call these; the store below only runs SQL.
 */

const REPORTED_ID_LENGTH = 140;

export type TrackTasksResult =
  | { ok: true; response: TrackResponse }
  | { ok: false; code: "invalid_ids"; results: Array<{ id: string; reason: string }> }
  | { ok: false; code: "quota_exceeded"; quota: number; active: number; adding: number };

/**
 * Tracks the valid ids (idempotently) and reports each one; invalid ids never reach the gateway.
 * Each principal may have at most the quota of unfinished tasks; ids tracked already cost nothing.
 */
export async function trackTasks(
  runtime: Runtime,
  ids: readonly string[],
  label: string | null,
  principal: Principal | null = null,
  options: {
    /** The quota was checked already (a generation, before the gateway was asked): the task exists, track it. */
    quotaChecked?: boolean;
    /** What Paddock sent to start these tasks (JSON), by id, kept with them. */
    requests?: ReadonlyMap<string, string>;
  } = {},
): Promise<TrackTasksResult> {
  const unique = [...new Set(ids.map((id) => id.trim()))];
  const checks = unique.map((id) => ({ id, check: checkTaskId(id) }));
  const valid = checks.flatMap(({ check }) => (check.ok ? [check.id] : []));
  if (valid.length === 0) {
    const results = checks.map(({ id, check }) => ({ id: shorten(id), reason: check.ok ? "" : check.reason }));
    return { ok: false, code: "invalid_ids", results };
  }
  if (principal && !options.quotaChecked) {
    const adding = valid.length - (await trackedAmong(runtime.db, valid)).size;
    const exceeded = await quotaExceeded(runtime, principal, adding);
    if (exceeded) return { ok: false, code: "quota_exceeded", ...exceeded };
  }
  const outcomes = await insertTasks(
    runtime.db,
    valid,
    Date.now(),
    label ?? principal?.name ?? null,
    principal?.key ?? null,
    firstCheckSpacingMs(runtime.env),
    options.requests ?? null,
  );
  const results: TrackResult[] = checks.map(({ id, check }) =>
    check.ok
      ? { id, outcome: outcomes.get(id) ?? "already_tracked" }
      : { id: shorten(id), outcome: "invalid", reason: check.reason },
  );
  // Newly tracked tasks are due at once: the watcher in this process looks now, others within a second.
  if (valid.some((id) => outcomes.get(id) === "added")) runtime.watcher?.wake();
  const count = (outcome: TrackResult["outcome"]) => results.filter((result) => result.outcome === outcome).length;
  const response: TrackResponse = {
    results,
    added: count("added"),
    alreadyTracked: count("already_tracked"),
    invalid: count("invalid"),
  };
  return { ok: true, response };
}

/**
 * Each principal may have at most the quota of unfinished tasks: null when `adding` more fits,
 * else the figures for the refusal.
 */
export async function quotaExceeded(
  runtime: Runtime,
  principal: Principal,
  adding: number,
): Promise<{ quota: number; active: number; adding: number } | null> {
  if (adding <= 0) return null;
  const quota = runtime.env.limits.activeTaskQuota;
  const active = await countActiveAddedBy(runtime.db, principal.key);
  return active + adding > quota ? { quota, active, adding } : null;
}

function shorten(id: string): string {
  return id.length > REPORTED_ID_LENGTH ? `${id.slice(0, REPORTED_ID_LENGTH)}…` : id;
}

/** Sets or clears a label; false when the task is not tracked. */
export function setTaskLabel(runtime: Runtime, id: string, label: string | null): Promise<boolean> {
  return updateLabel(runtime.db, id, label, Date.now());
}

/** Stops tracking a task; its snapshot and history go with it. False when it was not tracked. */
export function untrackTask(runtime: Runtime, id: string): Promise<boolean> {
  return deleteTask(runtime.db, id, Date.now());
}

/**
 * One action on many tasks: untrack them, set or clear their label, or ask the watcher for them
 * now (the unfinished ones; the gateway's budget still paces the calls). Returns how many were
 * acted on.
 */
export async function actOnTasks(
  runtime: Runtime,
  action: BulkAction,
  ids: readonly string[],
  label: string | null,
): Promise<number> {
  const now = Date.now();
  if (action === "untrack") return deleteTasks(runtime.db, ids, now);
  if (action === "label") return updateLabels(runtime.db, ids, label, now);
  const active = await activeAmong(runtime.db, ids);
  await refreshNow(runtime, active);
  return active.length;
}

/** Asks the watcher to look at these tasks now (a person wants them fresh). */
export async function refreshNow(runtime: Runtime, ids: readonly string[]): Promise<void> {
  const now = Date.now();
  await markDueNow(runtime.db, ids, now, now + VIEWED_FOR_INTERVALS * runtime.env.pollIntervalMs);
  runtime.watcher?.wake();
}

/** A person looking at a task (the inspector, the top of the board) keeps it ahead of the backlog for two intervals. */
const VIEWED_FOR_INTERVALS = 2;

/**
 * Marks the unfinished ones of these rows as looked at. Only marks about to lapse are written, so
 * a board polled every few seconds writes about once an interval, not on every poll.
 */
export async function noteViewed(
  runtime: Runtime,
  rows: ReadonlyArray<Pick<TaskRow, "id" | "terminal" | "viewed_until">>,
): Promise<void> {
  const now = Date.now();
  const interval = runtime.env.pollIntervalMs;
  const renewBefore = now + interval;
  const lapsing = rows.filter((row) => row.terminal === 0 && (row.viewed_until ?? 0) < renewBefore);
  if (lapsing.length === 0) return;
  await markViewed(
    runtime.db,
    lapsing.map((row) => row.id),
    // The board reads its pages whole once a minute (polls in between ask only what changed): the
    // mark outlasts that.
    now + Math.max(VIEWED_FOR_INTERVALS * interval, VIEWED_AT_LEAST_MS),
    renewBefore,
  );
}

const VIEWED_AT_LEAST_MS = 75_000;

/**
 * A batch of new tasks gets its first checks at most at half the call budget, so the other half
 * keeps the backlog moving; any newer task is asked before the rest of the batch.
 */
export function firstCheckSpacingMs(env: Runtime["env"]): number {
  return Math.ceil(2000 / env.limits.upstreamPerSecond);
}

export interface WatchPolicy {
  /** A task neither finished nor stopped this long after it was submitted (or added) is given up. */
  limitMs: number;
  /** "Not found" answers must span at least this long before the task counts as missing. */
  notFoundGraceMs: number;
}

/** Stores one refresh's outcome: the snapshot with its derived columns, or the error beside the last snapshot. */
export async function recordRefresh(
  db: PaddockDb,
  id: string,
  result: FetchTaskResult,
  at: number,
  policy: WatchPolicy,
): Promise<void> {
  if (!result.ok) {
    const streak = result.error.code === "not_found" ? await notFoundStreak(db, id, at, policy) : null;
    return writeRefreshError(db, id, result.error, at, streak);
  }
  if (!sameTaskId(id, result.task.taskId)) {
    const message = `The gateway answered for another task (${result.task.taskId.slice(0, 60)}).`;
    return writeRefreshError(db, id, { code: "malformed", message }, at);
  }
  const view = toTaskView(result.task, at);
  await writeSnapshot(db, id, derivedColumns(view), JSON.stringify(result.raw), at);
}

/**
 * A gateway may not know a task for a moment after it was created: only several "not found"
 * answers in a row, over the grace period, confirm it is missing.
 */
async function notFoundStreak(db: PaddockDb, id: string, at: number, policy: WatchPolicy): Promise<NotFoundStreak> {
  const row = await getTask(db, id);
  const count = (row?.not_found_count ?? 0) + 1;
  const since = row?.not_found_since ?? at;
  return { count, since, stop: count >= NOT_FOUND_CONFIRMATIONS && at - since >= policy.notFoundGraceMs };
}

/** Stops watching the tasks that outlived the watching limit; run before choosing what to refresh. */
export function giveUpOverdueTasks(db: PaddockDb, policy: WatchPolicy, now = Date.now()): Promise<number> {
  return stopTasksStartedBefore(db, now - policy.limitMs, now);
}

/**
 * Derives the filter and usage columns again for stored answers that an older normalization
 * read, so terminal tasks (never fetched again) follow today's rules too.
 */
export async function rederiveStaleTasks(db: PaddockDb, batch = 500): Promise<number> {
  let count = 0;
  for (;;) {
    const rows = await listStaleDerivations(db, DERIVATION_VERSION, batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      const task = readSnapshot(row);
      const stopped = STOP_REASONS.find((reason) => reason === row.stopped_reason) ?? null;
      const columns = task
        ? derivedColumns(toTaskView(task, row.snapshot_at ?? Date.now()), stopped)
        : {
            ...UNREADABLE_COLUMNS,
            status_group: stopped ?? "active",
            terminal: stopped ? 1 : 0,
            derived_version: DERIVATION_VERSION,
          };
      await updateDerivedColumns(db, row.id, columns);
      count += 1;
    }
  }
  if (count > 0) logEvent("info", "tasks_rederived", { count, version: DERIVATION_VERSION });
  return count;
}

/** A stored answer that no longer reads as a task keeps its row, with nothing derived from it. */
const UNREADABLE_COLUMNS = {
  has_video: 0,
  status: null,
  status_group: "active",
  upstream_status: null,
  action: null,
  progress: null,
  prompt: null,
  submitted_at: null,
  finished_at: null,
  terminal: 0,
  failure_category: null,
  resolution_tier: null,
  billed_seconds: null,
  delivered_seconds: null,
  input_seconds: null,
  ratio: null,
  queue_wait_ms: null,
  generation_ms: null,
} as const;
