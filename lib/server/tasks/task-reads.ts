import "server-only";

import { GATEWAY_FAILURE_CODES } from "@/lib/api/errors";
import type { BoardChanges, BoardResponse, TaskResponse, TrackedTask } from "@/lib/api/task-schemas";
import { sameTaskId } from "@/lib/happyhorse/task-id";
import { UPSTREAM_ERRORS } from "@/lib/happyhorse/upstream-error";
import type { PaddockDb } from "@/lib/server/db";
import type { Runtime } from "@/lib/server/runtime";
import { latestSeq, taskHistory } from "@/lib/server/tasks/change-log";
import { etaGroups } from "@/lib/server/tasks/eta-model";
import { noteViewed } from "@/lib/server/tasks/task-service";
import {
  countByGroup,
  cursorFits,
  decodeCursor,
  getTask,
  getTaskVersion,
  listActions,
  listFilteredAmong,
  listLabels,
  listTaskWindow,
  type TaskRow,
  tasksChangedSince,
} from "@/lib/server/tasks/task-store";
import { inspectionOf, toTrackedTask, withVideoPolicy } from "@/lib/server/tasks/tracked-task";
import { recentWatcherStatus, sharedWatcherStatus } from "@/lib/server/watcher/watcher-status";
import type { BoardPage, BoardQuery } from "@/lib/tasks/board-query";
import { toTaskView } from "@/lib/tasks/task-view";

/**
 * The read side of the task service: the board and the inspector's view of one task. Both read
 * the store only; the watcher keeps it fresh, whoever looks.
 */

export type BoardResult = { ok: true; body: BoardResponse } | { ok: false; reason: "bad_cursor" };

/** What a board answer says besides its tasks, read once per answer. */
export interface BoardState {
  /** The change log's position, read before the tasks: a change after it is sent again, never missed. */
  version: number;
  gateway: BoardResponse["gateway"];
  watcher: BoardResponse["watcher"];
  storage: BoardResponse["storage"];
}

export async function readBoardState(runtime: Runtime): Promise<BoardState> {
  const version = await latestSeq(runtime.db);
  const [gateway, watcher] = await Promise.all([runtime.gateway.status(), sharedWatcherStatus(runtime, version)]);
  return { version, gateway, watcher, storage: runtime.storage.status() };
}

/** One page of the board (the first, or the one after a cursor), with counts for the filtered set. */
export async function loadBoard(
  runtime: Runtime,
  query: BoardQuery,
  page: BoardPage,
  known?: BoardState,
): Promise<BoardResult> {
  const { db, env } = runtime;
  const cursor = page.cursor === null ? null : decodeCursor(page.cursor);
  if (page.cursor !== null && (cursor === null || !cursorFits(query, cursor)))
    return { ok: false, reason: "bad_cursor" };
  const state = known ?? (await readBoardState(runtime));
  const [window, meta, groups] = await Promise.all([
    listTaskWindow(db, query, page.limit, cursor),
    boardMeta(runtime, query),
    etaGroups(db),
  ]);
  const now = Date.now();
  const { rows } = window;
  // The first page is what people look at; a later page is fetched when someone scrolls to it.
  await lookedAt(runtime, rows.filter((row) => row.terminal === 0).slice(0, VIEWED_ON_BOARD));
  const body: BoardResponse = {
    tasks: rows.map((row) => toTrackedTask(row, now, env, groups)),
    nextCursor: window.nextCursor,
    ...meta,
    ...stateFields(runtime, state),
    serverTime: now,
  };
  return { ok: true, body };
}

/** At most this many changed tasks in one answer; beyond, the board is read again from the top. */
export const BOARD_CHANGES_MAX = 500;

export type BoardChangesResult = { ok: true; body: BoardChanges } | { ok: false; reason: "ahead"; latest: number };

/**
 * What changed on a filtered board since `since` (a `version` Paddock gave): the changed tasks
 * that match the filters, whole, and the ids of those that do not (any more). Read from the change
 * log by sequence, so it costs what changed, not what is tracked.
 */
export async function loadBoardChanges(
  runtime: Runtime,
  query: BoardQuery,
  since: number,
  known?: BoardState,
): Promise<BoardChangesResult> {
  const { db, env } = runtime;
  const state = known ?? (await readBoardState(runtime));
  // A version from the future (a store restored from a backup) would silently skip what comes next.
  if (since > state.version) return { ok: false, reason: "ahead", latest: state.version };
  const [ids, meta, groups] = await Promise.all([
    tasksChangedSince(db, since, BOARD_CHANGES_MAX + 1),
    boardMeta(runtime, query),
    etaGroups(db),
  ]);
  const reset = ids.length > BOARD_CHANGES_MAX;
  const rows = reset ? [] : await listFilteredAmong(db, query, ids);
  const now = Date.now();
  const kept = new Set(rows.map((row) => row.id));
  const body: BoardChanges = {
    since,
    reset,
    tasks: rows.map((row) => toTrackedTask(row, now, env, groups)),
    removed: reset ? [] : ids.filter((id) => !kept.has(id)),
    ...meta,
    ...stateFields(runtime, state),
    serverTime: now,
  };
  return { ok: true, body };
}

/** Counts for the filtered set, and the board's pickers (kinds and labels). */
async function boardMeta(runtime: Runtime, query: BoardQuery) {
  const [counts, actions, labels] = await Promise.all([
    countByGroup(runtime.db, query),
    listActions(runtime.db),
    listLabels(runtime.db),
  ]);
  return { total: counts[query.status], counts, actions, labels };
}

function stateFields(runtime: Runtime, state: BoardState) {
  const { version, gateway, watcher, storage } = state;
  return { version, gateway, watcher, storage, mode: runtime.env.mode, pollIntervalMs: watcher.intervalMs };
}

/**
 * What a board answer means, for its ETag: everything but the server's clock, and, while nothing is
 * active, the watcher's pass times (nothing on the board shows them then).
 */
export function boardVersion(body: BoardResponse | BoardChanges): string {
  return JSON.stringify({ ...body, serverTime: 0, watcher: quietWatcher(body.watcher) });
}

export function quietWatcher(watcher: BoardResponse["watcher"]): BoardResponse["watcher"] {
  return watcher.activeTasks === 0 ? { ...watcher, lastPassAt: null, dueTasks: 0 } : watcher;
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
async function loadTaskDetail(runtime: Runtime, id: string): Promise<TaskDetailResult> {
  const row = await getTask(runtime.db, id);
  if (row) return { ok: true, body: await trackedTaskDetail(runtime, row) };
  return untrackedTaskDetail(runtime, id);
}

/** An id Paddock does not track, looked up at the gateway (one call per interval at most). */
async function untrackedTaskDetail(runtime: Runtime, id: string): Promise<TaskDetailResult> {
  const result = await runtime.peek(id);
  if (!result.ok) {
    const { code, message } = result.error;
    return { ok: false, code: GATEWAY_FAILURE_CODES[code], message: `${UPSTREAM_ERRORS[code].title}: ${message}` };
  }
  if (!sameTaskId(id, result.task.taskId)) {
    return { ok: false, code: "gateway_malformed", message: "The gateway answered for another task." };
  }
  const now = Date.now();
  const view = withVideoPolicy(toTaskView(result.task, now), runtime.env.videoHosts);
  const task: TrackedTask = {
    id,
    addedAt: null,
    boardAt: null,
    label: null,
    view,
    snapshotAt: now,
    checkedAt: now,
    error: null,
    stopped: null,
    inspection: inspectionOf(view, null, now, runtime.env.stuckAfterMs),
    eta: null,
    archive: null,
    startedHere: false,
  };
  return { ok: true, body: await withStatus(runtime, { task, tracked: false, raw: result.raw, history: [] }) };
}

/** The inspector's answer for a task Paddock tracks: from the store alone, no call upstream. */
export async function loadTrackedTaskDetail(runtime: Runtime, id: string): Promise<TaskResponse | null> {
  const row = await getTask(runtime.db, id);
  return row ? trackedTaskDetail(runtime, row) : null;
}

async function trackedTaskDetail(runtime: Runtime, row: TaskRow): Promise<TaskResponse> {
  await lookedAt(runtime, [row]);
  return withStatus(runtime, await trackedPart(runtime, row));
}

type TaskPart = Pick<TaskResponse, "task" | "tracked" | "raw" | "history">;

/** What the answer says of a tracked task itself, from its row. */
async function trackedPart(runtime: Runtime, row: TaskRow): Promise<TaskPart> {
  const { db, env } = runtime;
  const task = toTrackedTask(row, Date.now(), env, await etaGroups(db));
  const raw = row.raw_json ? (JSON.parse(row.raw_json) as unknown) : null;
  return { task, tracked: true, raw, history: await historyOf(db, row) };
}

type History = TaskResponse["history"];
const histories = new WeakMap<PaddockDb, Map<string, History>>();

/** Per-store caches (a test's or an instance's store each has its own), of at most this many entries. */
const CACHE_SIZE = 500;

function cacheOf<V>(caches: WeakMap<PaddockDb, Map<string, V>>, db: PaddockDb): Map<string, V> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

function remember<V>(cache: Map<string, V>, key: string, value: V) {
  // The oldest entry goes first (a Map keeps its insertion order).
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value ?? "");
  cache.set(key, value);
}

/**
 * A task's history, read again only when its version moved (every change in the log moves it, in
 * the same transaction), so that inspectors and scripts polling a task that stands still cost one
 * query each, not two. Keyed by what the store says, it stays right with several instances.
 */
async function historyOf(db: PaddockDb, row: TaskRow): Promise<History> {
  const cache = cacheOf(histories, db);
  const key = `${row.id}@${row.version ?? 0}`;
  const known = cache.get(key);
  if (known) return known;
  const history = (await taskHistory(db, row.id)).map((change) => ({
    at: change.at,
    status: change.status ?? "",
    upstreamStatus: change.upstream_status,
    progress: change.progress,
  }));
  remember(cache, key, history);
  return history;
}

/** A task's answer with the gateway's, the watcher's and the store's status around it. */
async function withStatus(runtime: Runtime, part: TaskPart): Promise<TaskResponse> {
  return { ...part, ...(await statusAround(runtime)) };
}

type StatusAround = Omit<TaskResponse, "task" | "tracked" | "raw" | "history">;

async function statusAround(runtime: Runtime): Promise<StatusAround> {
  const [gateway, watcher] = await Promise.all([
    runtime.gateway.status(),
    recentWatcherStatus(runtime, () => latestSeq(runtime.db)),
  ]);
  return {
    gateway,
    watcher,
    storage: runtime.storage.status(),
    mode: runtime.env.mode,
    pollIntervalMs: watcher.intervalMs,
    serverTime: Date.now(),
  };
}

export type TaskAnswerResult = { ok: true; text: string } | Extract<TaskDetailResult, { ok: false }>;

/**
 * `GET /api/tasks/{id}` as JSON text. A finished task's own part (the task, its raw answer and its
 * history) is serialized once per version and second and shared by every reader, so polls of a
 * task that stands still cost one small query and the status around it. The version is read from
 * the store each time (several instances stay right); the second bounds what the clock changes in
 * the answer (a video link that expires).
 */
export async function loadTaskAnswer(runtime: Runtime, id: string): Promise<TaskAnswerResult> {
  const known = await getTaskVersion(runtime.db, id);
  const part = known?.terminal === 1 ? await finishedPart(runtime, id, known.version ?? 0) : null;
  if (part !== null)
    return { ok: true, text: `${part.slice(0, -1)},${JSON.stringify(await statusAround(runtime)).slice(1)}` };
  // An id the store just said it does not track goes to the gateway without a second read.
  const result = known ? await loadTaskDetail(runtime, id) : await untrackedTaskDetail(runtime, id);
  return result.ok ? { ok: true, text: JSON.stringify(result.body) } : result;
}

/** How long a finished task's part is served as it was (its clock-bound fields move by the second). */
const PART_FRESH_MS = 1000;
const finishedParts = new WeakMap<PaddockDb, Map<string, { at: number; text: string }>>();

/** A finished task's part of its answer, as JSON text; null when the task moved on meanwhile. */
async function finishedPart(runtime: Runtime, id: string, version: number): Promise<string | null> {
  const cache = cacheOf(finishedParts, runtime.db);
  const key = `${id}@${version}`;
  const known = cache.get(key);
  if (known && performance.now() - known.at < PART_FRESH_MS) return known.text;
  const row = await getTask(runtime.db, id);
  if (!row || row.terminal !== 1 || (row.version ?? 0) !== version) return null;
  const text = JSON.stringify(await trackedPart(runtime, row));
  cache.delete(key);
  remember(cache, key, { at: performance.now(), text });
  return text;
}
