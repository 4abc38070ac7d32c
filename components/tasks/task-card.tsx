"use client";

import { AlertTriangleIcon, CopyPlusIcon, SearchIcon } from "lucide-react";
import Link from "next/link";
import { memo, useLayoutEffect, useRef } from "react";

import { useTicking } from "@/components/hooks/use-now";
import { ArchiveNote } from "@/components/tasks/archive-note";
import { CopyButton } from "@/components/tasks/copy-button";
import { LabelEditor } from "@/components/tasks/label-editor";
import { TaskEta } from "@/components/tasks/task-eta";
import { FailureNote, StoppedNote } from "@/components/tasks/task-notes";
import { TaskProgress } from "@/components/tasks/task-progress";
import { TaskStatusLine } from "@/components/tasks/task-status-line";
import { UntrackButton } from "@/components/tasks/untrack-button";
import { VideoPreview } from "@/components/tasks/video-preview";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import type { TrackedTask } from "@/lib/api/task-schemas";
import { shortTaskId } from "@/lib/happyhorse/task-id";
import { formatAge } from "@/lib/tasks/time";

interface TaskCardProps {
  task: TrackedTask;
  /**
   * In a grid with roving focus: only the active card's controls are in the tab order (the others
   * are reached with the arrow keys), so a board is one tab stop, not seven per card.
   */
  tabbable?: boolean;
}

const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

/**
 * Memoized: a card re-renders when its task changes. The elements that show a running time (the
 * elapsed clock, the link's expiry) tick on their own.
 */
export const TaskCard = memo(function TaskCard({ task, tabbable = true }: TaskCardProps) {
  const { view } = task;
  const title = view?.prompt ? truncate(view.prompt, 60) : shortTaskId(task.id);
  const ref = useRef<HTMLDivElement>(null);

  // After every render of this card (rare: memoized), its controls join or leave the tab order.
  useLayoutEffect(() => {
    const tabIndex = tabbable ? 0 : -1;
    for (const element of ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []) {
      if (element.tabIndex !== tabIndex) element.tabIndex = tabIndex;
    }
  });

  return (
    <Card
      ref={ref}
      data-testid="task-card"
      data-task-id={task.id}
      data-status={view?.status.value ?? "PENDING_FIRST_ANSWER"}
      data-stopped={task.stopped?.reason}
      className="gap-3"
    >
      <CardHeader className="flex-row items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-1.5">
          <TaskStatusLine task={task} />
          <div className="flex items-center gap-0.5 font-mono text-xs text-muted-foreground">
            <Link
              href={`/tasks/${task.id}`}
              prefetch={false}
              title={`Inspect ${task.id}`}
              className="underline-offset-4 hover:text-foreground hover:underline"
            >
              {shortTaskId(task.id)}
            </Link>
            <CopyButton value={task.id} label="Copy task id" />
            <LabelEditor id={task.id} label={task.label} />
          </div>
        </div>
        <div className="flex items-center">
          <Button asChild variant="ghost" size="icon-sm">
            <Link href={`/tasks/${task.id}`} prefetch={false} aria-label="Inspect this task" title="Inspect this task">
              <SearchIcon className="text-muted-foreground" />
            </Link>
          </Button>
          {view || task.startedHere ? (
            <Button asChild variant="ghost" size="icon-sm">
              <Link
                href={`/generations/new?from=${encodeURIComponent(task.id)}`}
                prefetch={false}
                aria-label="Duplicate with changes"
                title="Duplicate with changes"
              >
                <CopyPlusIcon className="text-muted-foreground" />
              </Link>
            </Button>
          ) : null}
          <UntrackButton id={task.id} />
        </div>
      </CardHeader>

      <CardContent className="flex flex-col gap-3">
        {view?.prompt ? (
          <p className="line-clamp-2 text-sm" title={view.prompt}>
            {view.prompt}
          </p>
        ) : null}
        {view ? <TaskProgress view={view} /> : null}
        {view && task.eta ? <TaskEta view={view} eta={task.eta} /> : null}
        {view?.video ? (
          <VideoPreview
            video={view.video}
            title={title}
            taskId={task.id}
            onDemand
            archived={task.archive?.state === "saved"}
          />
        ) : null}
        {task.archive ? <ArchiveNote archive={task.archive} /> : null}
        {view?.failure ? <FailureNote failure={view.failure} /> : null}
        {task.stopped ? <StoppedNote stopped={task.stopped} /> : null}
      </CardContent>

      {task.error && !task.stopped ? (
        <CardFooter className="gap-2 text-xs text-status-running" role="status">
          <AlertTriangleIcon className="size-3.5 shrink-0" aria-hidden="true" />
          <span>
            {task.error.code === "not_found"
              ? "The gateway does not know this task (yet). Paddock asks again a few times before it stops."
              : `${view ? "Could not refresh" : "Could not load"}: ${task.error.message}`}
            {task.snapshotAt !== null ? <SnapshotAge at={task.snapshotAt} /> : null}
          </span>
        </CardFooter>
      ) : null}
    </Card>
  );
});

/** How old the snapshot on screen is; it ticks here, not in the card. */
function SnapshotAge({ at }: { at: number }) {
  const now = useTicking();
  return now > 0 ? <> Showing the snapshot from {formatAge(now - at)}.</> : null;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
