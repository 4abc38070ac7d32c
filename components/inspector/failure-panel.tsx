import { CircleSlashIcon, RotateCcwIcon, WalletIcon } from "lucide-react";

import { FAILURE_CATEGORIES } from "@/lib/tasks/failure-category";
import type { TaskView } from "@/lib/tasks/task-view-schema";

interface FailurePanelProps {
  failure: NonNullable<TaskView["failure"]>;
}

/** Why it failed, in support's words: the category, the raw reason, and what to tell the creator. */
export function FailurePanel({ failure }: FailurePanelProps) {
  const category = FAILURE_CATEGORIES[failure.category];
  return (
    <div className="flex flex-col gap-3" data-testid="failure-panel" data-category={failure.category}>
      <div className="flex items-center gap-2">
        <CircleSlashIcon className="size-5 text-status-failure" aria-hidden="true" />
        <span className="text-lg font-semibold" data-testid="failure-category">
          {category.label}
        </span>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted-foreground">Reason</dt>
        <dd className="break-words" data-testid="failure-message">
          {failure.message ?? <span className="text-muted-foreground">The gateway gave no reason.</span>}
        </dd>
        {failure.code ? (
          <>
            <dt className="text-muted-foreground">DashScope code</dt>
            <dd className="font-mono">{failure.code}</dd>
          </>
        ) : null}
      </dl>
      <div className="rounded-md bg-muted p-3 text-sm">
        <p className="mb-1 flex items-center gap-1.5 font-medium">
          <RotateCcwIcon className="size-4" aria-hidden="true" />
          What to tell the creator: {category.retry ? "retry later" : "change the input, retrying as is will not help"}
        </p>
        <p className="text-muted-foreground" data-testid="failure-advice">
          {category.advice}
        </p>
      </div>
      <p className="flex items-center gap-1.5 text-sm text-muted-foreground">
        <WalletIcon className="size-4" aria-hidden="true" /> Failed tasks are refunded by the platform.
      </p>
    </div>
  );
}
