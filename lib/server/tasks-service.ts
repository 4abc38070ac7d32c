import "server-only";

import { successEnvelopeSchema } from "@/lib/happyhorse/schema";
import { UPSTREAM_ERRORS } from "@/lib/happyhorse/upstream-error";
import { countByGroup, getTaskRow, listActions, listActiveTasks, listTasks, type TaskRow } from "@/lib/server/registry";
import type { Runtime } from "@/lib/server/runtime";
import type { BoardResponse, RefreshError, TrackedTask } from "@/lib/tasks/api-types";
import type { BoardQuery } from "@/lib/tasks/board-query";
import { toTaskView } from "@/lib/tasks/task-view";

/** How long a board request waits for refreshes before answering with what it has. */
export const REFRESH_WAIT_MS = 5_000;

export async function loadBoard(runtime: Runtime, query: BoardQuery): Promise<BoardResponse> {
  const { db, refresher, env } = runtime;
  await refresher.refresh(await listActiveTasks(db), REFRESH_WAIT_MS);
  const [rows, counts, actions] = await Promise.all([listTasks(db, query), countByGroup(db), listActions(db)]);
  const now = Date.now();
  return {
    tasks: rows.map((row) => toTrackedTask(row, now)),
    counts,
    actions,
    mode: env.mode,
    pollIntervalMs: env.pollIntervalMs,
    serverTime: now,
  };
}

/** One tracked task after the same freshness rule as the board; undefined when not tracked. */
export async function loadTrackedTask(runtime: Runtime, id: string): Promise<TrackedTask | undefined> {
  const { db, refresher } = runtime;
  const before = await getTaskRow(db, id);
  if (!before) return undefined;
  if (before.terminal === 0) await refresher.refresh([before], REFRESH_WAIT_MS);
  const row = before.terminal === 0 ? await getTaskRow(db, id) : before;
  return row ? toTrackedTask(row, Date.now()) : undefined;
}

export function toTrackedTask(row: TaskRow, now: number): TrackedTask {
  return {
    id: row.id,
    addedAt: row.added_at,
    view: viewOf(row, now),
    snapshotAt: row.snapshot_at,
    checkedAt: row.checked_at,
    error: errorOf(row),
  };
}

function viewOf(row: TaskRow, now: number) {
  if (!row.raw_json) return null;
  // The snapshot was validated when it arrived; parsing again applies today's normalization to it.
  const parsed = successEnvelopeSchema.safeParse(JSON.parse(row.raw_json));
  return parsed.success ? toTaskView(parsed.data.data, now) : null;
}

function errorOf(row: TaskRow): RefreshError | null {
  if (!row.error_code || row.error_at === null) return null;
  const code = Object.hasOwn(UPSTREAM_ERRORS, row.error_code)
    ? (row.error_code as RefreshError["code"])
    : "upstream_error";
  return { code, message: row.error_message ?? UPSTREAM_ERRORS[code].title, at: row.error_at };
}
