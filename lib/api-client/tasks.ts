import { queryOptions, type QueryState } from "@tanstack/react-query";

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

/** The poll delay for a query whose data says whether anything on screen is still active. */
function pollDelay<T extends { pollIntervalMs: number }>(
  state: QueryState<T, ApiError>,
  hasActive: (data: T) => boolean,
) {
  const data = state.data;
  // A refusal (bad id, unknown task) will not change by asking again.
  const status = state.error?.status;
  if (status === 400 || status === 404) return false;
  return nextPollDelay({
    pollIntervalMs: data?.pollIntervalMs ?? FALLBACK_POLL_MS,
    hasActive: data ? hasActive(data) : true,
    lastSuccessAt: state.dataUpdatedAt,
    lastErrorAt: state.errorUpdatedAt,
    errorCount: state.errorUpdateCount,
  });
}

export function boardQueryOptions(query: BoardQuery) {
  const search = boardQueryToParams(query).toString();
  return queryOptions({
    queryKey: taskKeys.board(query),
    queryFn: ({ signal }) => apiFetch(`/api/tasks${search ? `?${search}` : ""}`, boardResponseSchema, { signal }),
    placeholderData: (previous) => previous,
    // Hidden tabs do not poll; focusing the tab refetches at once.
    refetchIntervalInBackground: false,
    refetchInterval: (q) => pollDelay(q.state, (data) => data.counts.active > 0),
  });
}

export function taskDetailQueryOptions(id: string) {
  return queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => apiFetch(taskPath(id), taskResponseSchema, { signal }),
    refetchIntervalInBackground: false,
    refetchInterval: (q) => pollDelay(q.state, (data) => !data.task.view?.status.terminal),
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
