import { AlertTriangleIcon, TimerOffIcon } from "lucide-react";

import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/tasks/status-badge";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { TaskResponse } from "@/lib/api/task-schemas";
import { formatDuration } from "@/lib/tasks/time";

interface StatusLevelsProps {
  detail: TaskResponse;
}

/** The platform's status and DashScope's side by side, with the warnings support staff look for. */
export function StatusLevels({ detail }: StatusLevelsProps) {
  const view = detail.task.view;
  const { disagreement, stuck } = detail.task.inspection;
  return (
    <div className="flex flex-col gap-3">
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1 rounded-md border p-3">
          <dt className="text-xs text-muted-foreground">Platform (gateway)</dt>
          <dd className="flex items-center gap-2" data-testid="platform-status">
            {view ? <StatusBadge status={view.status} /> : "No answer yet"}
            {view && view.progress !== null ? <span className="text-xs tabular-nums">{view.progress}%</span> : null}
          </dd>
        </div>
        <div className="flex flex-col gap-1 rounded-md border p-3">
          <dt className="text-xs text-muted-foreground">Upstream (DashScope)</dt>
          <dd data-testid="upstream-status">
            {view?.upstreamStatus ? (
              <StatusBadge status={view.upstreamStatus} />
            ) : (
              <span className="text-sm text-muted-foreground">Not reached yet</span>
            )}
          </dd>
        </div>
      </dl>
      {disagreement ? (
        <Alert variant="warning" data-testid="disagreement-warning">
          <AlertTriangleIcon aria-hidden="true" />
          <AlertTitle>The two levels disagree.</AlertTitle>
          <AlertDescription>{disagreement.message}</AlertDescription>
        </Alert>
      ) : null}
      {stuck ? (
        <Alert variant="failure" data-testid="stuck-warning">
          <TimerOffIcon aria-hidden="true" />
          <AlertTitle>Probably stuck.</AlertTitle>
          <AlertDescription>
            No change for {formatDuration(stuck.forMs)} (since <LocalTime at={stuck.since} precise={false} />
            ); generations take 1-5 minutes. Quote both request ids to the gateway&apos;s support.
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
