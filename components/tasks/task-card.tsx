"use client";

import { AlertTriangleIcon, SearchIcon } from "lucide-react";
import Link from "next/link";
import { memo } from "react";

import { CopyButton } from "@/components/tasks/copy-button";
import { LabelEditor } from "@/components/tasks/label-editor";
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
  now: number;
}

/** Memoized: the board ticks every second, but a finished card only needs the minute (for its link). */
export const TaskCard = memo(function TaskCard({ task, now }: TaskCardProps) {
  const { view } = task;
  const title = view?.prompt ? truncate(view.prompt, 60) : shortTaskId(task.id);

  return (
    <Card
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
          <UntrackButton id={task.id} />
        </div>
      </CardHeader>

      <CardContent className="flex flex-col gap-3">
        {view?.prompt ? (
          <p className="line-clamp-2 text-sm" title={view.prompt}>
            {view.prompt}
          </p>
        ) : null}
        {view ? <TaskProgress view={view} now={now} /> : null}
        {view?.video ? <VideoPreview video={view.video} now={now} title={title} taskId={task.id} /> : null}
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
            {task.snapshotAt !== null && now > 0
              ? ` Showing the snapshot from ${formatAge(now - task.snapshotAt)}.`
              : ""}
          </span>
        </CardFooter>
      ) : null}
    </Card>
  );
});

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
