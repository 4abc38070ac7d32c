"use client";

import { AlertTriangleIcon, RefreshCwIcon, WifiOffIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import type { BoardResponse } from "@/lib/tasks/api-types";
import { formatAge, formatClock } from "@/lib/tasks/time";

interface BoardFreshnessProps {
  data: BoardResponse | undefined;
  updatedAt: number;
  serverError: Error | null;
  fetching: boolean;
  now: number;
  onRefresh: () => void;
}

/** "Updated 12 s ago", and a visible notice while Paddock's server or the gateway is failing. */
export function BoardFreshness({ data, updatedAt, serverError, fetching, now, onRefresh }: BoardFreshnessProps) {
  const failing = data?.tasks.filter((task) => task.error !== null) ?? [];
  const firstError = failing[0]?.error;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-2 text-xs text-muted-foreground" aria-live="polite">
        <span data-testid="updated-ago">
          {updatedAt > 0 && now > 0 ? `Updated ${formatAge(Math.max(0, now - updatedAt))}` : "Loading…"}
        </span>
        <Button
          type="button"
          variant="ghost"
          size="icon-sm"
          onClick={onRefresh}
          disabled={fetching}
          aria-label="Refresh now"
          title="Refresh now"
        >
          <RefreshCwIcon className={fetching ? "animate-spin" : undefined} />
        </Button>
      </div>
      {serverError && data ? (
        <p
          role="alert"
          className="flex items-start gap-2 rounded-md border border-status-failure/40 bg-status-failure/10 p-3 text-sm"
        >
          <WifiOffIcon className="mt-0.5 size-4 shrink-0 text-status-failure" aria-hidden="true" />
          <span>
            {serverError.message} Showing what Paddock knew {formatAge(Math.max(0, now - updatedAt))}; it keeps trying
            on its own.
          </span>
        </p>
      ) : null}
      {data && data.gateway.state !== "ok" ? (
        <p
          role="status"
          data-testid="gateway-notice"
          className="flex items-start gap-2 rounded-md border border-status-failure/40 bg-status-failure/10 p-3 text-sm"
        >
          <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-status-failure" aria-hidden="true" />
          <span>
            The gateway has failed {data.gateway.failures} time{data.gateway.failures === 1 ? "" : "s"} in a row
            {data.gateway.lastError ? ` (${data.gateway.lastError.message})` : ""}. Paddock is giving it a rest and
            {data.gateway.retryAt !== null && now > 0
              ? ` tries again in about ${formatClock(Math.max(0, data.gateway.retryAt - now))}`
              : " tries again shortly"}
            ; every task keeps its last snapshot.
          </span>
        </p>
      ) : null}
      {firstError ? (
        <p
          role="status"
          className="flex items-start gap-2 rounded-md border border-status-running/40 bg-status-running/10 p-3 text-sm"
        >
          <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-status-running" aria-hidden="true" />
          <span>
            The gateway is failing for {failing.length} task{failing.length === 1 ? "" : "s"} ({firstError.message}).
            Their cards show the last snapshot Paddock has; they update again as soon as the gateway answers.
          </span>
        </p>
      ) : null}
    </div>
  );
}
