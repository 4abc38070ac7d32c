import { infiniteQueryOptions, queryOptions, type QueryState } from "@tanstack/react-query";

import {
  boardResponseSchema,
  labelResponseSchema,
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

/**
 * The board, page by page (a cursor from each answer to the next). A poll refetches the pages on
 * screen; each answer has an ETag, so when nothing changed the browser's cache revalidates it with
 * a bodiless 304 and React Query keeps the very same objects (nothing re-renders).
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
    refetchInterval: (q) =>
      pollDelay(q.state, (data) => ({
        pollIntervalMs: data.pages[0]?.pollIntervalMs ?? FALLBACK_POLL_MS,
        hasActive: (data.pages[0]?.counts.active ?? 0) > 0,
      })),
  });
}

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

export function setLabelRequest(id: string, label: string | null) {
  return apiFetch(taskPath(id), labelResponseSchema, jsonBody("PATCH", { label }));
}
