import { CircleSlashIcon, EyeOffIcon } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { TrackedTask } from "@/lib/api/task-schemas";
import { FAILURE_CATEGORIES } from "@/lib/tasks/failure-category";
import type { TaskView } from "@/lib/tasks/task-view-schema";
import { STOPS } from "@/lib/tasks/watch";

/** Why a task failed, in a card: the reason a person should read, its category and DashScope's code. */
export function FailureNote({ failure }: { failure: NonNullable<TaskView["failure"]> }) {
  return (
    <Alert variant="failure" role="note">
      <CircleSlashIcon aria-hidden="true" />
      <AlertTitle>
        Why it failed{" "}
        <span className="font-normal text-muted-foreground">· {FAILURE_CATEGORIES[failure.category].label}</span>
      </AlertTitle>
      <AlertDescription>
        <p className="break-words text-muted-foreground" data-testid="failure-reason">
          {failure.message ?? "The gateway gave no reason."}
        </p>
        {failure.code ? <p className="font-mono text-xs text-muted-foreground">{failure.code}</p> : null}
      </AlertDescription>
    </Alert>
  );
}

/** Why Paddock stopped watching a task that never finished. */
export function StoppedNote({ stopped }: { stopped: NonNullable<TrackedTask["stopped"]> }) {
  const stop = STOPS[stopped.reason];
  return (
    <Alert variant="info" role="note" data-testid="stopped-note">
      <EyeOffIcon aria-hidden="true" />
      <AlertTitle>{stop.label}</AlertTitle>
      <AlertDescription className="text-muted-foreground">{stop.explanation}</AlertDescription>
    </Alert>
  );
}
