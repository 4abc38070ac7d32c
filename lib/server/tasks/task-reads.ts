import "server-only";

import { GATEWAY_FAILURE_CODES } from "@/lib/api/errors";
import type { BoardResponse, HistoryEvent, RefreshError, TaskResponse, TrackedTask } from "@/lib/api/task-schemas";
import { readTaskAnswer } from "@/lib/happyhorse/answer";
import type { GatewayTask } from "@/lib/happyhorse/schema";
import { sameTaskId } from "@/lib/happyhorse/task-id";
import { UPSTREAM_ERRORS } from "@/lib/happyhorse/upstream-error";
import type { Runtime } from "@/lib/server/runtime";
import { giveUpOverdueTasks } from "@/lib/server/tasks/task-service";
import {
  countByGroup,
  getTask,
  listActions,
  listActiveTasks,
  listLabels,
  listTaskEvents,
  listTasks,
  type TaskRow,
} from "@/lib/server/tasks/task-store";
import type { BoardQuery } from "@/lib/tasks/board-query";
import { levelsDisagreement, stuckFlag } from "@/lib/tasks/inspection";
import { toTaskView } from "@/lib/tasks/task-view";
import type { TaskView } from "@/lib/tasks/task-view-schema";
import { STOP_REASONS } from "@/lib/tasks/watch";

/** The read side of the task service: the board and the inspector's view of one task. */

/** How long a board request waits for refreshes before answering with what it has. */
export const REFRESH_WAIT_MS = 3_000;

export async function loadBoard(runtime: Runtime, query: BoardQuery): Promise<BoardResponse> {
  const { db, refresher, env } = runtime;
  await giveUpOverdueTasks(db, env.watch);
  await refresher.refresh(await listActiveTasks(db), REFRESH_WAIT_MS);
  const [rows, counts, actions, labels] = await Promise.all([
    listTasks(db, query),
    countByGroup(db),
    listActions(db),
    listLabels(db),
  ]);
  const now = Date.now();
  return {
    tasks: rows.map((row) => toTrackedTask(row, now, env.stuckAfterMs)),
    counts,
    actions,
    labels,
    gateway: runtime.gateway.status(),
    mode: env.mode,
    pollIntervalMs: env.pollIntervalMs,
    serverTime: now,
  };
}

export type TaskDetailResult =
  | { ok: true; body: TaskResponse }
  | { ok: false; code: (typeof GATEWAY_FAILURE_CODES)[keyof typeof GATEWAY_FAILURE_CODES]; message: string };

/**
 * Everything the inspector needs about one task. A tracked task follows the board's freshness
 * rule; an untracked one is fetched (cached for one interval) and nothing about it is stored.
 */
export async function loadTaskDetail(runtime: Runtime, id: string): Promise<TaskDetailResult> {
  const { db, refresher, env } = runtime;
  const before = await getTask(db, id);
  let task: TrackedTask;
  let raw: unknown = null;
  let history: HistoryEvent[] = [];
  if (before) {
    if (before.terminal === 0) await refresher.refresh([before], REFRESH_WAIT_MS);
    const row = (before.terminal === 0 ? await getTask(db, id) : before) ?? before;
    task = toTrackedTask(row, Date.now(), env.stuckAfterMs);
    raw = row.raw_json ? (JSON.parse(row.raw_json) as unknown) : null;
    history = (await listTaskEvents(db, id)).map((event) => ({
      at: event.observed_at,
      status: event.status,
      upstreamStatus: event.upstream_status,
      progress: event.progress,
    }));
  } else {
    const result = await refresher.peek(id);
    if (!result.ok) {
      const { code, message } = result.error;
      return { ok: false, code: GATEWAY_FAILURE_CODES[code], message: `${UPSTREAM_ERRORS[code].title}: ${message}` };
    }
    if (!sameTaskId(id, result.task.taskId)) {
      return { ok: false, code: "gateway_malformed", message: "The gateway answered for another task." };
    }
    const now = Date.now();
    const view = toTaskView(result.task, now);
    task = {
      id,
      addedAt: null,
      label: null,
      view,
      snapshotAt: now,
      checkedAt: now,
      error: null,
      stopped: null,
      inspection: inspectionOf(view, null, now, env.stuckAfterMs),
    };
    raw = result.raw;
  }

  const now = Date.now();
  return {
    ok: true,
    body: {
      task,
      tracked: before !== undefined,
      raw,
      history,
      gateway: runtime.gateway.status(),
      mode: env.mode,
      pollIntervalMs: env.pollIntervalMs,
      serverTime: now,
    },
  };
}

export function toTrackedTask(row: TaskRow, now: number, stuckAfterMs: number): TrackedTask {
  const snapshot = readSnapshot(row);
  const view = snapshot ? toTaskView(snapshot, now) : null;
  const reason = STOP_REASONS.find((candidate) => candidate === row.stopped_reason);
  const stopped = reason ? { reason, at: row.stopped_at ?? row.checked_at ?? now } : null;
  return {
    id: row.id,
    addedAt: row.added_at,
    label: row.label,
    view,
    snapshotAt: row.snapshot_at,
    checkedAt: row.checked_at,
    error: errorOf(row),
    stopped,
    // A task Paddock no longer watches is not "stuck": nobody is waiting on it any more.
    inspection: inspectionOf(view, stopped ? null : row.changed_at, now, stopped ? null : stuckAfterMs),
  };
}

function inspectionOf(view: TaskView | null, lastChange: number | null, now: number, stuckAfterMs: number | null) {
  return {
    disagreement: view ? levelsDisagreement(view) : null,
    stuck: view && stuckAfterMs !== null ? stuckFlag(view, lastChange, now, stuckAfterMs) : null,
  };
}

/**
 * Stored answers by task and snapshot time: every viewer's poll reads the same snapshots, so each
 * is parsed once, not once per request. Bounded; the oldest entries go first.
 */
const PARSED_CACHE_LIMIT = 5000;
const parsedSnapshots = new Map<string, GatewayTask | null>();

export function readSnapshot(row: Pick<TaskRow, "id" | "raw_json" | "snapshot_at">): GatewayTask | null {
  if (!row.raw_json) return null;
  const key = `${row.id}@${row.snapshot_at}`;
  const cached = parsedSnapshots.get(key);
  if (cached !== undefined) return cached;
  // Read again by today's rules, so a fix to the normalization reaches stored answers too.
  const task = readTaskAnswer(JSON.parse(row.raw_json));
  if (parsedSnapshots.size >= PARSED_CACHE_LIMIT) {
    const oldest = parsedSnapshots.keys().next().value;
    if (oldest !== undefined) parsedSnapshots.delete(oldest);
  }
  parsedSnapshots.set(key, task);
  return task;
}

function errorOf(row: TaskRow): RefreshError | null {
  if (!row.error_code || row.error_at === null) return null;
  const code = Object.hasOwn(UPSTREAM_ERRORS, row.error_code)
    ? (row.error_code as RefreshError["code"])
    : "upstream_error";
  return { code, message: row.error_message ?? UPSTREAM_ERRORS[code].title, at: row.error_at };
}
