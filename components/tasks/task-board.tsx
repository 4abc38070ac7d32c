"use client";

import { useQuery } from "@tanstack/react-query";
import { InboxIcon, SearchXIcon, ServerCrashIcon } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

import { Button } from "@/components/ui/button";
import { AddTasksDialog } from "@/components/tasks/add-tasks-dialog";
import { BoardFreshness } from "@/components/tasks/board-freshness";
import { BoardSkeleton } from "@/components/tasks/board-skeleton";
import { BoardToolbar, type BoardView } from "@/components/tasks/board-toolbar";
import { FailuresView } from "@/components/tasks/failures-view";
import { TaskCard } from "@/components/tasks/task-card";
import { useNow } from "@/components/tasks/use-now";
import { boardQueryToParams, DEFAULT_BOARD_QUERY, readBoardQuery, type BoardQuery } from "@/lib/tasks/board-query";
import { boardQueryOptions } from "@/lib/tasks/queries";

interface TaskBoardProps {
  demo: boolean;
}

/** The creators' board: one request per poll cycle for every card on it. */
export function TaskBoard({ demo }: TaskBoardProps) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const query = useMemo(() => readBoardQuery(new URLSearchParams(searchParams.toString())), [searchParams]);
  const view: BoardView = searchParams.get("view") === "failures" ? "failures" : "cards";
  const board = useQuery(boardQueryOptions(view === "failures" ? { ...query, status: "failed" } : query));
  const now = useNow();

  // Filters live in the URL so a view can be shared; history.replaceState keeps Next's hooks in sync.
  const navigate = useCallback(
    (next: Partial<BoardQuery>, nextView: BoardView) => {
      const params = boardQueryToParams({ ...query, ...next });
      if (nextView === "failures") params.set("view", "failures");
      const search = params.toString();
      window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
    },
    [query, pathname],
  );
  const setQuery = useCallback((next: Partial<BoardQuery>) => navigate(next, view), [navigate, view]);

  const data = board.data;
  const filtered =
    query.status !== "all" ||
    query.action !== null ||
    query.category !== null ||
    query.label !== null ||
    query.q !== "";

  return (
    <section className="flex flex-col gap-4" aria-label="Task board">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <BoardFreshness
          data={data}
          updatedAt={board.dataUpdatedAt}
          serverError={board.error}
          fetching={board.isFetching}
          now={now}
          onRefresh={() => void board.refetch()}
        />
        <AddTasksDialog demo={demo} />
      </div>
      <BoardToolbar
        query={query}
        view={view}
        counts={data?.counts}
        actions={data?.actions ?? []}
        labels={data?.labels ?? []}
        onChange={setQuery}
        onViewChange={(next) => navigate({ category: null }, next)}
      />

      {board.isPending ? (
        <BoardSkeleton />
      ) : !data ? (
        <EmptyState
          icon={<ServerCrashIcon className="size-8" aria-hidden="true" />}
          title="The board could not be loaded"
          text={`${board.error?.message ?? "Unknown error."} Paddock retries on its own.`}
          action={<Button onClick={() => void board.refetch()}>Try again</Button>}
          alert
        />
      ) : view === "failures" && data.tasks.length > 0 ? (
        <FailuresView
          tasks={data.tasks}
          category={query.category}
          onPickCategory={(category) => setQuery({ category })}
        />
      ) : data.tasks.length === 0 && (filtered || view === "failures") ? (
        <EmptyState
          icon={<SearchXIcon className="size-8" aria-hidden="true" />}
          title={view === "failures" && !filtered ? "No failed tasks" : "No task matches these filters"}
          text={
            view === "failures" && !filtered
              ? "Nothing has failed. Failed tasks show up here, grouped by why."
              : "Try another status, kind or search."
          }
          action={
            <Button variant="outline" onClick={() => setQuery(DEFAULT_BOARD_QUERY)}>
              Clear filters
            </Button>
          }
        />
      ) : data.tasks.length === 0 ? (
        <EmptyState
          icon={<InboxIcon className="size-8" aria-hidden="true" />}
          title="No tasks yet"
          text="Paste the ids of your HappyHorse generations and Paddock watches them live: progress, timings, the video and any failure."
          action={<AddTasksDialog demo={demo} />}
        />
      ) : (
        <ul className="grid grid-cols-1 items-start gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Tasks">
          {data.tasks.map((task) => (
            <li key={task.id} className="contents">
              <TaskCard task={task} now={task.view?.status.terminal ? minuteOf(now) : now} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// Rounded up, so a fresh 24 h link reads "23 h 59 min" and an expiry is never shown late.
const minuteOf = (now: number) => Math.ceil(now / 60_000) * 60_000;

interface EmptyStateProps {
  icon: React.ReactNode;
  title: string;
  text: string;
  action?: React.ReactNode;
  alert?: boolean;
}

function EmptyState({ icon, title, text, action, alert }: EmptyStateProps) {
  return (
    <div
      role={alert ? "alert" : undefined}
      className="flex flex-col items-center gap-3 rounded-xl border border-dashed px-6 py-16 text-center"
    >
      <div className="text-muted-foreground">{icon}</div>
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="max-w-md text-sm text-muted-foreground">{text}</p>
      {action}
    </div>
  );
}
