import { queryOptions } from "@tanstack/react-query";

import { type UsageResponse, usageResponseSchema } from "@/lib/api/usage-schemas";
import { apiFetch } from "@/lib/api-client/fetch";
import { usageApiParams } from "@/lib/usage/usage-query";
import type { UsagePageState } from "@/lib/usage/usage-url";

/** Keys, query options and links for the usage resource. */

export const usageKeys = {
  all: ["usage"] as const,
  summary: (state: UsagePageState) => [...usageKeys.all, state] as const,
};

/** The period is resolved when the query runs, so "today" follows the clock. */
export function usageQueryOptions(state: UsagePageState) {
  return queryOptions({
    queryKey: usageKeys.summary(state),
    queryFn: ({ signal }) =>
      apiFetch(`/api/usage?${usageApiParams(state, Date.now())}`, usageResponseSchema, { signal }),
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
