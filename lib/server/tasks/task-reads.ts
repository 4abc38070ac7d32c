import "server-only";

import { GATEWAY_FAILURE_CODES } from "@/lib/api/errors";
import type { BoardResponse, HistoryEvent, TaskResponse, TrackedTask } from "@/lib/api/task-schemas";
import { sameTaskId } from "@/lib/happyhorse/task-id";
import { UPSTREAM_ERRORS } from "@/lib/happyhorse/upstream-error";
import type { Runtime } from "@/lib/server/runtime";
import { taskHistory } from "@/lib/server/tasks/change-log";
import { noteViewed } from "@/lib/server/tasks/task-service";
import {
  countByGroup,
  decodeCursor,
  getTask,
  listActions,
  listLabels,
  listTaskWindow,
  type TaskRow,
} from "@/lib/server/tasks/task-store";
import { inspectionOf, toTrackedTask, withVideoPolicy } from "@/lib/server/tasks/tracked-task";
import { readWatcherStatus } from "@/lib/server/watcher/watcher-status";
import type { BoardPage, BoardQuery } from "@/lib/tasks/board-query";
import { toTaskView } from "@/lib/tasks/task-view";

/**
 * The read side of the task service: the board and the inspector's view of one task. Both read
 * the store only; the watcher keeps it fresh, whoever looks.
 */

export type BoardResult = { ok: true; body: BoardResponse } | { ok: false; reason: "bad_cursor" };

/** One page of the board (the first, or the one after a cursor), with counts for the filtered set. */
export async function loadBoard(runtime: Runtime, query: BoardQuery, page: BoardPage): Promise<BoardResult> {
  const { db, env } = runtime;
  const cursor = page.cursor === null ? null : decodeCursor(page.cursor);
  if (page.cursor !== null && cursor === null) return { ok: false, reason: "bad_cursor" };
  const [window, counts, actions, labels, gateway, watcher] = await Promise.all([
    listTaskWindow(db, query, page.limit, cursor),
    countByGroup(db, query),
    listActions(db),
    listLabels(db),
    runtime.gateway.status(),
    readWatcherStatus(runtime),
  ]);
  const now = Date.now();
  const { rows } = window;
  // The first page is what people look at; a later page is fetched when someone scrolls to it.
  await lookedAt(runtime, rows.filter((row) => row.terminal === 0).slice(0, VIEWED_ON_BOARD));
  const body: BoardResponse = {
    tasks: rows.map((row) => toTrackedTask(row, now, env)),
    nextCursor: window.nextCursor,
    total: counts[query.status],
    counts,
    actions,
    labels,
    gateway,
    watcher,
    storage: runtime.storage.status(),
    mode: env.mode,
    pollIntervalMs: watcher.intervalMs,
    serverTime: now,
  };
  return { ok: true, body };
}

/**
 * What a board answer means, for its ETag: everything but the server's clock, and, while nothing is
 * active, the watcher's pass times (nothing on the board shows them then).
 */
export function boardVersion(body: BoardResponse): string {
  const { watcher } = body;
  const quiet = watcher.activeTasks === 0 ? { ...watcher, lastPassAt: null, dueTasks: 0 } : watcher;
  return JSON.stringify({ ...body, serverTime: 0, watcher: quiet });
}

/** The first tasks of a board page count as looked at (the watcher asks them before the backlog). */
const VIEWED_ON_BOARD = 100;

/** A read never fails for want of this mark (a read-only store, a busy one). */
async function lookedAt(runtime: Runtime, rows: TaskRow[]) {
  await noteViewed(runtime, rows).catch(() => undefined);
}

export type TaskDetailResult =
  | { ok: true; body: TaskResponse }
  | { ok: false; code: (typeof GATEWAY_FAILURE_CODES)[keyof typeof GATEWAY_FAILURE_CODES]; message: string };

/**
 * Everything the inspector needs about one task. A tracked task is read from the store; an
 * untracked one is looked up (one call per interval at most) and nothing about it is stored.
 */
export async function loadTaskDetail(runtime: Runtime, id: string): Promise<TaskDetailResult> {
  const { db, env } = runtime;
  const row = await getTask(db, id);
  let task: TrackedTask;
  let raw: unknown = null;
  let history: HistoryEvent[] = [];
  if (row) {
    await lookedAt(runtime, [row]);
    task = toTrackedTask(row, Date.now(), env);
    raw = row.raw_json ? (JSON.parse(row.raw_json) as unknown) : null;
    history = (await taskHistory(db, id)).map((change) => ({
      at: change.at,
      status: change.status ?? "",
      upstreamStatus: change.upstream_status,
      progress: change.progress,
    }));
  } else {
    const result = await runtime.peek(id);
    if (!result.ok) {
      const { code, message } = result.error;
      return { ok: false, code: GATEWAY_FAILURE_CODES[code], message: `${UPSTREAM_ERRORS[code].title}: ${message}` };
    }
    if (!sameTaskId(id, result.task.taskId)) {
      return { ok: false, code: "gateway_malformed", message: "The gateway answered for another task." };
    }
    const now = Date.now();
    const view = withVideoPolicy(toTaskView(result.task, now), env.videoHosts);
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

  const [gateway, watcher] = await Promise.all([runtime.gateway.status(), readWatcherStatus(runtime)]);
  return {
    ok: true,
    body: {
      task,
      tracked: row !== undefined,
      raw,
      history,
      gateway,
      watcher,
      storage: runtime.storage.status(),
      mode: env.mode,
      pollIntervalMs: watcher.intervalMs,
      serverTime: Date.now(),
    },
  };
}
