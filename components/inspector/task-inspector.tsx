"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon, CopyPlusIcon, EyeIcon, EyeOffIcon, SearchXIcon } from "lucide-react";
import Link from "next/link";

import { useNow } from "@/components/hooks/use-now";
import { FailurePanel } from "@/components/inspector/failure-panel";
import { HistoryList } from "@/components/inspector/history-list";
import { Identifiers } from "@/components/inspector/identifiers";
import { RawJson } from "@/components/inspector/raw-json";
import { Section } from "@/components/inspector/section";
import { StatusLevels } from "@/components/inspector/status-levels";
import { SupportSummaryButton } from "@/components/inspector/support-summary-button";
import { TaskTimeline } from "@/components/inspector/task-timeline";
import { UsagePanel } from "@/components/inspector/usage-panel";
import { ArchiveControls, ArchiveNote } from "@/components/tasks/archive-note";
import { LabelEditor } from "@/components/tasks/label-editor";
import { TaskEta } from "@/components/tasks/task-eta";
import { VideoPreview } from "@/components/tasks/video-preview";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Empty, EmptyContent, EmptyDescription, EmptyHeader, EmptyMedia, EmptyTitle } from "@/components/ui/empty";
import { Skeleton } from "@/components/ui/skeleton";
import { taskDetailQueryOptions, taskKeys, trackTasksRequest } from "@/lib/api-client/tasks";
import { formatAge } from "@/lib/tasks/time";

interface TaskInspectorProps {
  id: string;
}

/** Everything about one task for support staff, polled like the board while the task is active. */
export function TaskInspector({ id }: TaskInspectorProps) {
  const detail = useQuery(taskDetailQueryOptions(id));
  const queryClient = useQueryClient();
  const track = useMutation({
    mutationFn: () => trackTasksRequest([id]),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });

  if (detail.isPending) return <InspectorSkeleton />;
  if (!detail.data) {
    const notFound = detail.error?.status === 404;
    return (
      <Empty role="alert">
        <EmptyHeader>
          <EmptyMedia variant="icon">
            <SearchXIcon />
          </EmptyMedia>
          <EmptyTitle>{notFound ? "The gateway does not know this task" : "The task could not be loaded"}</EmptyTitle>
          <EmptyDescription>{detail.error?.message}</EmptyDescription>
        </EmptyHeader>
        {notFound ? null : (
          <EmptyContent>
            <Button onClick={() => void detail.refetch()}>Try again</Button>
          </EmptyContent>
        )}
      </Empty>
    );
  }

  const data = detail.data;
  const { task } = data;
  const view = task.view;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-col gap-1">
          <Link href="/" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeftIcon className="size-4" aria-hidden="true" /> Board
          </Link>
          <h1 className="font-mono text-lg font-semibold break-all">{task.id}</h1>
          {data.tracked ? <LabelEditor id={task.id} label={task.label} /> : null}
          <p className="text-xs text-muted-foreground" aria-live="polite">
            {view ? `${view.action.label} · ` : ""}
            <UpdatedAgo at={detail.dataUpdatedAt} />
            {detail.error ? ` · Paddock's server is not answering (${detail.error.message}); retrying.` : ""}
            {task.error ? ` · The gateway is failing: ${task.error.message}. Showing the last snapshot.` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {data.tracked ? null : (
            <Button onClick={() => track.mutate()} disabled={track.isPending} data-testid="track-this">
              <EyeIcon aria-hidden="true" /> {track.isPending ? "Tracking…" : "Track this task"}
            </Button>
          )}
          {data.tracked && (view || task.startedHere) ? (
            <Button asChild variant="outline">
              <Link href={`/generations/new?from=${encodeURIComponent(task.id)}`} prefetch={false}>
                <CopyPlusIcon aria-hidden="true" /> Duplicate with changes
              </Link>
            </Button>
          ) : null}
          <SupportSummaryButton detail={data} />
        </div>
      </div>
      {data.tracked ? null : (
        <Alert variant="info" role="note" data-testid="untracked-note">
          <EyeOffIcon aria-hidden="true" />
          <AlertDescription>
            Paddock is not tracking this task: this is a one-off look, nothing about it is stored.
            {track.isError ? ` Tracking failed: ${track.error.message}` : ""}
          </AlertDescription>
        </Alert>
      )}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="flex flex-col gap-4 lg:col-span-2">
          <Section title="Status">
            <StatusLevels detail={data} />
          </Section>
          {view?.failure ? (
            <Section title="Why it failed">
              <FailurePanel failure={view.failure} />
            </Section>
          ) : null}
          {view ? (
            <Section title="Timeline">
              {task.eta ? <TaskEta view={view} eta={task.eta} /> : null}
              <TaskTimeline view={view} />
            </Section>
          ) : null}
          {view?.prompt ? (
            <Section title="Prompt">
              <p className="text-sm whitespace-pre-wrap">{view.prompt}</p>
            </Section>
          ) : null}
          <Section title="Raw answer">
            <RawJson raw={data.raw} />
          </Section>
        </div>
        <div className="flex flex-col gap-4">
          {view?.video ? (
            <Section title="Video">
              <div className="flex flex-col gap-3">
                <VideoPreview
                  video={view.video}
                  title={task.id}
                  taskId={task.id}
                  archived={task.archive?.state === "saved"}
                />
                {task.archive ? (
                  <div className="flex flex-col items-start gap-2">
                    <ArchiveNote archive={task.archive} />
                    {data.tracked ? <ArchiveControls id={task.id} archive={task.archive} video={view.video} /> : null}
                  </div>
                ) : null}
              </div>
            </Section>
          ) : null}
          <Section title="Identifiers">
            <Identifiers task={task} />
          </Section>
          {view ? (
            <Section title="Usage">
              <UsagePanel view={view} />
            </Section>
          ) : null}
          <Section title="History">
            <HistoryList history={data.history} tracked={data.tracked} />
          </Section>
        </div>
      </div>
    </div>
  );
}

/** "Updated 12 s ago": this line ticks, not the inspector around it. */
function UpdatedAgo({ at }: { at: number }) {
  const now = useNow();
  return at > 0 && now > 0 ? `Updated ${formatAge(Math.max(0, now - at))}` : "";
}

function InspectorSkeleton() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true" aria-label="Loading the task">
      <Skeleton className="h-6 w-96" />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Skeleton className="h-64 lg:col-span-2" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}
