"use client";

import { AlertTriangleIcon, DatabaseIcon, KeyRoundIcon, RefreshCwIcon, WifiOffIcon } from "lucide-react";

import { useTicking } from "@/components/hooks/use-now";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { BoardResponse } from "@/lib/api/task-schemas";
import { formatAge, formatClock } from "@/lib/tasks/time";

interface BoardFreshnessProps {
  data: BoardResponse | undefined;
  updatedAt: number;
  serverError: Error | null;
  fetching: boolean;
  onRefresh: () => void;
}

/** "Updated 12 s ago", and a visible notice while Paddock's server or the gateway is failing. */
export function BoardFreshness({ data, updatedAt, serverError, fetching, onRefresh }: BoardFreshnessProps) {
  // The browser's clock only: "Updated …" appears once the page is live (hydrated).
  const now = useTicking();
  // "Not found" is about one task, not the gateway: its card says so, the board stays calm.
  const failing = data?.tasks.filter((task) => task.error !== null && task.error.code !== "not_found") ?? [];
  const firstError = failing[0]?.error;
  const age = formatAge(Math.max(0, now - updatedAt));
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-2">
      {/* One line whatever the width: what appears once the page is live never pushes the board down. */}
      <div
        className="flex min-w-0 items-center gap-2 text-xs whitespace-nowrap text-muted-foreground"
        aria-live="polite"
      >
        <span data-testid="updated-ago" className="shrink-0">
          {updatedAt > 0 && now > 0 ? `Updated ${age}` : "Loading…"}
        </span>
        {data ? <WatcherLine watcher={data.watcher} now={now} /> : null}
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
      {data && data.storage.state !== "ok" ? (
        <Alert variant="failure" role="alert" data-testid="storage-notice" data-state={data.storage.state}>
          <DatabaseIcon aria-hidden="true" />
          <AlertDescription>
            <p className="font-medium">Storage: Paddock cannot keep changes right now.</p>
            <p>
              {data.storage.message}
              {data.storage.since !== null && now > 0
                ? ` This has lasted ${formatClock(Math.max(0, now - data.storage.since))}.`
                : ""}{" "}
              Adding, labelling and untracking are refused and tasks are not refreshed; the cards show what was stored
              before.
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
      {data && !data.watcher.running && data.watcher.activeTasks > 0 ? (
        <Alert variant="warning" data-testid="watcher-notice">
          <AlertTriangleIcon aria-hidden="true" />
          <AlertDescription>
            <p>
              No watcher is running, so {data.watcher.activeTasks} active task
              {data.watcher.activeTasks === 1 ? " is" : "s are"} not being refreshed
              {data.watcher.lastPassAt !== null && now > 0
                ? ` (the last pass was ${formatAge(Math.max(0, now - data.watcher.lastPassAt))})`
                : ""}
              . Ask whoever runs Paddock to start one (<code>npm run watcher</code>) or to run Paddock without{" "}
              <code>PADDOCK_WATCHER=off</code>.
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
      {serverError && data ? (
        <Alert variant="failure">
          <WifiOffIcon aria-hidden="true" />
          <AlertDescription>
            <p>
              {serverError.message} Showing what Paddock knew {age}; it keeps trying on its own.
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
      {data && data.gateway.state === "key_rejected" ? (
        <Alert variant="failure" role="status" data-testid="gateway-notice" data-state="key_rejected">
          <KeyRoundIcon aria-hidden="true" />
          <AlertDescription>
            <p className="font-medium">The gateway rejected Paddock&apos;s API key.</p>
            <p>
              {data.gateway.lastError ? `It said: ${data.gateway.lastError.message}. ` : ""}
              Until the key works again Paddock refreshes no task; it checks the key with one call a minute
              {data.gateway.retryAt !== null && now > 0
                ? ` (next check in about ${formatClock(Math.max(0, data.gateway.retryAt - now))})`
                : ""}
              . Set a valid HAPPYHORSE_API_KEY on the server; every task keeps its last snapshot.
            </p>
          </AlertDescription>
        </Alert>
      ) : data && data.gateway.state !== "ok" ? (
        <Alert variant="failure" role="status" data-testid="gateway-notice" data-state={data.gateway.state}>
          <AlertTriangleIcon aria-hidden="true" />
          <AlertDescription>
            The gateway has failed {data.gateway.failures} time{data.gateway.failures === 1 ? "" : "s"} in a row
            {data.gateway.lastError ? ` (${data.gateway.lastError.message})` : ""}. Paddock is giving it a rest and
            {data.gateway.retryAt !== null && now > 0
              ? ` tries again in about ${formatClock(Math.max(0, data.gateway.retryAt - now))}`
              : " tries again shortly"}
            ; every task keeps its last snapshot.
          </AlertDescription>
        </Alert>
      ) : null}
      {firstError ? (
        <Alert variant="warning" role="status">
          <AlertTriangleIcon aria-hidden="true" />
          <AlertDescription>
            The gateway is failing for {failing.length} task{failing.length === 1 ? "" : "s"} ({firstError.message}).
            Their cards show the last snapshot Paddock has; they update again as soon as the gateway answers.
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}

/** What the watcher is doing: its last pass, what is due, and the interval in force. */
function WatcherLine({ watcher, now }: { watcher: BoardResponse["watcher"]; now: number }) {
  if (!watcher.running || watcher.activeTasks === 0) return null;
  const stretched = watcher.intervalMs > watcher.configuredIntervalMs;
  return (
    <span
      data-testid="watcher-line"
      className="min-w-0 truncate"
      title={stretched ? "More active tasks than the call budget allows per interval" : undefined}
    >
      · watching {watcher.activeTasks} task{watcher.activeTasks === 1 ? "" : "s"} every{" "}
      {formatClock(watcher.intervalMs)}
      {stretched ? " (stretched)" : ""}
      {watcher.lastPassAt !== null && now > 0 ? `, last pass ${formatAge(Math.max(0, now - watcher.lastPassAt))}` : ""}
      {watcher.dueTasks > 0 ? `, ${watcher.dueTasks} due` : ""}
    </span>
  );
}
