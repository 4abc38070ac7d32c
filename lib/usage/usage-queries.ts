import { queryOptions } from "@tanstack/react-query";

import { apiFetch, type ApiError } from "@/lib/tasks/queries";
import { usageApiParams, type UsagePageState } from "@/lib/usage/usage-query";
import type { UsageResponse } from "@/lib/usage/usage-types";

export const usageKeys = {
  all: ["usage"] as const,
  summary: (state: UsagePageState) => [...usageKeys.all, state] as const,
};

/** The period is resolved when the query runs, so "today" follows the clock. */
export function usageQueryOptions(state: UsagePageState) {
  return queryOptions<UsageResponse, ApiError>({
    queryKey: usageKeys.summary(state),
    queryFn: ({ signal }) => apiFetch<UsageResponse>(`/api/usage?${usageApiParams(state, Date.now())}`, { signal }),
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
}

/** The export of exactly the numbers on screen: the period the answer was computed for, the same filters. */
export function usageExportHref(usage: UsageResponse, state: UsagePageState, kind: "tasks" | "aggregates"): string {
  const params = new URLSearchParams({
    kind,
    from: String(usage.period.from),
    to: String(usage.period.to),
    tz: String(usage.period.tzOffsetMinutes),
  });
  if (state.label) params.set("label", state.label);
  if (state.action) params.set("action", state.action);
  if (state.tier) params.set("tier", String(state.tier));
  if (state.status) params.set("status", state.status);
  return `/api/usage/export?${params}`;
}
