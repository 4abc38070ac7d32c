import { queryOptions } from "@tanstack/react-query";

import type { Query } from "@tanstack/react-query";

import type { BoardResponse, TaskResponse, TrackResponse } from "@/lib/tasks/api-types";
import { boardQueryToParams, type BoardQuery } from "@/lib/tasks/board-query";
import { nextPollDelay } from "@/lib/tasks/polling";

/** Query keys and options for Paddock's own API; call sites spread and override. */

export const FALLBACK_POLL_MS = 5_000;

export const taskKeys = {
  all: ["tasks"] as const,
  boards: () => [...taskKeys.all, "board"] as const,
  board: (query: BoardQuery) => [...taskKeys.boards(), query] as const,
  detail: (id: string) => [...taskKeys.all, "detail", id] as const,
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function apiFetch<T>(input: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers: { Accept: "application/json", ...init?.headers } });
  } catch {
    throw new ApiError(0, "network", "Paddock's server cannot be reached.");
  }
  const body = (await response.json().catch(() => null)) as unknown;
  // A lapsed session sends the person to sign in, back to where they were afterwards.
  if (response.status === 401 && typeof window !== "undefined" && !input.startsWith("/api/session")) {
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- outside React, on purpose
    window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    throw new ApiError(
      response.status,
      typeof error?.code === "string" ? error.code : "http_error",
      typeof error?.message === "string" ? error.message : `Paddock's server answered HTTP ${response.status}.`,
      error?.details,
    );
  }
  return body as T;
}

/** The poll delay for a query whose data says whether anything on screen is still active. */
function pollDelay<T extends { pollIntervalMs: number }>(query: Query<T, ApiError>, hasActive: (data: T) => boolean) {
  const data = query.state.data;
  // A refusal (bad id, unknown task) will not change by asking again.
  const status = query.state.error?.status;
  if (status === 400 || status === 404) return false;
  return nextPollDelay({
    pollIntervalMs: data?.pollIntervalMs ?? FALLBACK_POLL_MS,
    hasActive: data ? hasActive(data) : true,
    lastSuccessAt: query.state.dataUpdatedAt,
    lastErrorAt: query.state.errorUpdatedAt,
    errorCount: query.state.errorUpdateCount,
  });
}

export function boardQueryOptions(query: BoardQuery) {
  const search = boardQueryToParams(query).toString();
  return queryOptions<BoardResponse, ApiError>({
    queryKey: taskKeys.board(query),
    queryFn: ({ signal }) => apiFetch<BoardResponse>(`/api/tasks${search ? `?${search}` : ""}`, { signal }),
    placeholderData: (previous) => previous,
    // Hidden tabs do not poll; focusing the tab refetches at once.
    refetchIntervalInBackground: false,
    refetchInterval: (q) => pollDelay(q, (data) => data.counts.active > 0),
  });
}

export function taskDetailQueryOptions(id: string) {
  return queryOptions<TaskResponse, ApiError>({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<TaskResponse>(`/api/tasks/${encodeURIComponent(id)}`, { signal }),
    refetchIntervalInBackground: false,
    refetchInterval: (q) => pollDelay(q, (data) => !data.task.view?.status.terminal),
  });
}

export function trackTasksRequest(ids: string[], label: string | null = null): Promise<TrackResponse> {
  return apiFetch<TrackResponse>("/api/tasks", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(label ? { ids, label } : { ids }),
  });
}

export async function untrackTaskRequest(id: string): Promise<void> {
  await apiFetch<null>(`/api/tasks/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function setLabelRequest(id: string, label: string | null): Promise<{ id: string; label: string | null }> {
  return apiFetch(`/api/tasks/${encodeURIComponent(id)}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ label }),
  });
}

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: ApiError;
  }
}
