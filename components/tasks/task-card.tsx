"use client";

import { AlertTriangleIcon, CircleSlashIcon, ClockIcon, SearchIcon } from "lucide-react";
import Link from "next/link";
import { memo } from "react";

import { CopyButton } from "@/components/tasks/copy-button";
import { LabelEditor } from "@/components/tasks/label-editor";
import { StatusBadge, TONE_BAR } from "@/components/tasks/status-badge";
import { TaskPhases } from "@/components/tasks/task-phases";
import { UntrackButton } from "@/components/tasks/untrack-button";
import { VideoPreview } from "@/components/tasks/video-preview";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import type { TrackedTask } from "@/lib/api/task-schemas";
import { shortTaskId } from "@/lib/happyhorse/task-id";
import { FAILURE_CATEGORIES } from "@/lib/tasks/failure-category";
import { elapsedMs, taskPhases } from "@/lib/tasks/phases";
import { formatAge, formatClock, formatDuration } from "@/lib/tasks/time";

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
      className="gap-3"
    >
      <CardHeader className="flex-row items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-1.5">
          <div className="flex flex-wrap items-center gap-2">
            {view ? (
              <StatusBadge status={view.status} />
            ) : (
              <span className="inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs text-muted-foreground">
                <ClockIcon className="size-3.5" aria-hidden="true" /> Waiting for the first answer
              </span>
            )}
            {view ? <span className="text-xs text-muted-foreground">{view.action.label}</span> : null}
            <LabelEditor id={task.id} label={task.label} />
          </div>
          <div className="flex items-center gap-0.5 font-mono text-xs text-muted-foreground">
            <Link
              href={`/tasks/${task.id}`}
              title={`Inspect ${task.id}`}
              className="underline-offset-4 hover:text-foreground hover:underline"
            >
              {shortTaskId(task.id)}
            </Link>
            <CopyButton value={task.id} label="Copy task id" />
          </div>
        </div>
        <div className="flex items-center">
          <Button asChild variant="ghost" size="icon-sm">
            <Link href={`/tasks/${task.id}`} aria-label="Inspect this task" title="Inspect this task">
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
        {view ? <TaskProgress task={task} now={now} /> : null}
        {view?.video ? <VideoPreview video={view.video} now={now} title={title} /> : null}
        {view?.failure ? (
          <div
            role="note"
            className="flex gap-2 rounded-md border border-status-failure/30 bg-status-failure/5 p-3 text-sm"
          >
            <CircleSlashIcon className="mt-0.5 size-4 shrink-0 text-status-failure" aria-hidden="true" />
            <div className="min-w-0">
              <p className="font-medium">
                Why it failed{" "}
                <span className="font-normal text-muted-foreground">
                  · {FAILURE_CATEGORIES[view.failure.category].label}
                </span>
              </p>
              <p className="break-words text-muted-foreground" data-testid="failure-reason">
                {view.failure.message ?? "The gateway gave no reason."}
              </p>
              {view.failure.code ? (
                <p className="mt-1 font-mono text-xs text-muted-foreground">{view.failure.code}</p>
              ) : null}
            </div>
          </div>
        ) : null}
      </CardContent>

      {task.error ? (
        <CardFooter className="gap-2 text-xs text-status-running" role="status">
          <AlertTriangleIcon className="size-3.5 shrink-0" aria-hidden="true" />
          <span>
            {view ? "Could not refresh" : "Could not load"}: {task.error.message}
            {task.snapshotAt !== null && now > 0
              ? ` Showing the snapshot from ${formatAge(now - task.snapshotAt)}.`
              : ""}
          </span>
        </CardFooter>
      ) : null}
    </Card>
  );
});

function TaskProgress({ task, now }: TaskCardProps) {
  const view = task.view;
  if (!view) return null;
  const elapsed = elapsedMs(view, now);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-3">
        <Progress
          value={view.progress}
          aria-label="Progress"
          indicatorClassName={TONE_BAR[view.status.tone]}
          className="flex-1"
        />
        <span className="w-10 text-right text-xs tabular-nums">
          {view.progress !== null ? `${view.progress}%` : "—"}
        </span>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <TaskPhases phases={taskPhases(view, now)} />
        {elapsed !== null ? (
          <span className="text-xs text-muted-foreground tabular-nums" data-testid="elapsed">
            {view.status.terminal ? `Total ${formatDuration(elapsed)}` : `Elapsed ${formatClock(elapsed)}`}
          </span>
        ) : null}
      </div>
    </div>
  );
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
