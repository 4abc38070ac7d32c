import { type InfiniteData, infiniteQueryOptions, queryOptions, type QueryState } from "@tanstack/react-query";

import {
  boardChangesSchema,
  type BoardResponse,
  boardResponseSchema,
  type BulkAction,
  bulkResponseSchema,
  labelResponseSchema,
  taskIdsResponseSchema,
  taskResponseSchema,
  trackResponseSchema,
} from "@/lib/api/task-schemas";
import { type ApiError, apiFetch, apiSend, jsonBody } from "@/lib/api-client/fetch";
import { type BoardQuery, boardQueryToParams } from "@/lib/tasks/board-query";
import { nextPollDelay } from "@/lib/tasks/polling";

/** Keys, query options and requests for the tasks resource; call sites spread and override. */

/** Until the first answer says the server's interval. */
export const FALLBACK_POLL_MS = 5_000;

export const taskKeys = {
  all: ["tasks"] as const,
  boards: () => [...taskKeys.all, "board"] as const,
  board: (query: BoardQuery) => [...taskKeys.boards(), query] as const,
  boardChanges: (query: BoardQuery) => [...taskKeys.board(query), "changes"] as const,
  detail: (id: string) => [...taskKeys.all, "detail", id] as const,
};

const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** The poll delay for a query whose data says the interval and whether anything on screen is still active. */
function pollDelay<T>(
  state: QueryState<T, ApiError>,
  read: (data: T) => { pollIntervalMs: number; hasActive: boolean },
) {
  const data = state.data === undefined ? undefined : read(state.data);
  // A refusal (bad id, unknown task) will not change by asking again.
  const status = state.error?.status;
  if (status === 400 || status === 404) return false;
  return nextPollDelay({
    pollIntervalMs: data?.pollIntervalMs ?? FALLBACK_POLL_MS,
    hasActive: data ? data.hasActive : true,
    lastSuccessAt: state.dataUpdatedAt,
    lastErrorAt: state.errorUpdatedAt,
    errorCount: state.errorUpdateCount,
  });
}

/** Tasks per board page: the first page is what most people look at. */
export const BOARD_PAGE_SIZE = 100;

/** The pages on screen are read again in full this often (a 304 each when nothing changed). */
export const BOARD_RESYNC_MS = 60_000;

/**
 * The board, page by page (a cursor from each answer to the next). Between polls it is kept fresh
 * by `boardChangesQueryOptions`, which merges what changed into these pages; a full read of the
 * pages on screen comes once a minute and when the tab regains focus. Each answer has an ETag: when
 * nothing changed the browser's cache revalidates it with a bodiless 304.
 */
export function boardQueryOptions(query: BoardQuery) {
  const filters = boardQueryToParams(query);
  return infiniteQueryOptions({
    queryKey: taskKeys.board(query),
    queryFn: ({ signal, pageParam }) => {
      const params = new URLSearchParams(filters);
      params.set("limit", String(BOARD_PAGE_SIZE));
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch(`/api/tasks?${params.toString()}`, boardResponseSchema, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
    // Hidden tabs do not poll; focusing the tab refetches at once.
    refetchIntervalInBackground: false,
    // Until the first answer, retried as any poll; then a full read once a minute.
    refetchInterval: (q) =>
      q.state.data === undefined
        ? pollDelay(q.state, () => ({ pollIntervalMs: FALLBACK_POLL_MS, hasActive: true }))
        : BOARD_RESYNC_MS,
  });
}

/**
 * The board's poll: what changed since the version on screen (`?since=`), at the server's interval
 * while anything is active. The caller merges each answer into the pages (`mergeBoardChanges`); an
 * answer identical to the last one keeps its identity (structural sharing), so nothing re-renders.
 *
 * `board` is the pages' own answer: the poll starts one interval after it was read (the first
 * page rendered on the server is fresh; asking again while the page hydrates would only add work).
 */
export function boardChangesQueryOptions(query: BoardQuery, board: { pollIntervalMs: number; readAt: number }) {
  const filters = boardQueryToParams(query);
  return queryOptions({
    queryKey: taskKeys.boardChanges(query),
    queryFn: async ({ signal, client }) => {
      const board = client.getQueryData<InfiniteData<BoardResponse, string | null>>(taskKeys.board(query));
      const since = board?.pages[0]?.version;
      if (since === undefined) return null;
      const params = new URLSearchParams(filters);
      params.set("since", String(since));
      return apiFetch(`/api/tasks?${params.toString()}`, boardChangesSchema, { signal });
    },
    initialData: null,
    initialDataUpdatedAt: board.readAt,
    staleTime: board.pollIntervalMs,
    refetchIntervalInBackground: false,
    refetchInterval: (q) => {
      const status = q.state.error?.status;
      if (status === 400 || status === 404) return false;
      const interval = q.state.data?.pollIntervalMs ?? board.pollIntervalMs;
      // Nothing active: tasks someone else adds still show up, at a slower pace (an idle poll is a 304).
      const delay = pollDelay(q.state, (data) => ({
        pollIntervalMs: interval,
        hasActive: data ? data.counts.active > 0 : true,
      }));
      return delay === false ? Math.max(interval * IDLE_POLL_FACTOR, IDLE_POLL_MIN_MS) : delay;
    },
  });
}

/** With nothing active, the board still asks what changed: every three intervals, at least every 15 s. */
const IDLE_POLL_FACTOR = 3;
const IDLE_POLL_MIN_MS = 15_000;

export function taskDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => apiFetch(taskPath(id), taskResponseSchema, { signal }),
    refetchIntervalInBackground: false,
    refetchInterval: (q) =>
      pollDelay(q.state, (data) => ({
        pollIntervalMs: data.pollIntervalMs,
        hasActive: !data.task.view?.status.terminal,
      })),
  });
}

export function trackTasksRequest(ids: string[], label: string | null = null) {
  return apiFetch("/api/tasks", trackResponseSchema, jsonBody("POST", label ? { ids, label } : { ids }));
}

export function untrackTaskRequest(id: string) {
  return apiSend(taskPath(id), { method: "DELETE" });
}

/** Removes a task's saved copy from the archive. */
export function deleteArchiveRequest(id: string) {
  return apiSend(`${taskPath(id)}/archive`, { method: "DELETE" });
}

/** Saves a task's video again (after a failure or a removal), while its link works. */
export function saveArchiveRequest(id: string) {
  return apiSend(`${taskPath(id)}/archive`, { method: "POST" });
}

export function setLabelRequest(id: string, label: string | null) {
  return apiFetch(taskPath(id), labelResponseSchema, jsonBody("PATCH", { label }));
}

/** One action on many tasks: the ids given, or every task matching the board's filters. */
export function bulkRequest(
  action: BulkAction,
  target: { ids: string[] } | { query: BoardQuery; expected: number },
  label: string | null = null,
) {
  const selection =
    "ids" in target
      ? { ids: target.ids }
      : { filter: Object.fromEntries(boardQueryToParams(target.query)), expected: target.expected };
  return apiFetch(
    "/api/tasks/bulk",
    bulkResponseSchema,
    jsonBody("POST", action === "label" ? { action, label, ...selection } : { action, ...selection }),
  );
}

/** Every id matching the board's filters. */
export function matchingIdsRequest(query: BoardQuery) {
  return apiFetch(`/api/tasks/ids?${boardQueryToParams(query).toString()}`, taskIdsResponseSchema);
}

/** Where the CSV of every task matching the board's filters downloads from. */
export const matchingCsvUrl = (query: BoardQuery) => `/api/tasks/export?${boardQueryToParams(query).toString()}`;
