"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { InboxIcon, SearchXIcon, ServerCrashIcon } from "lucide-react";
import dynamic from "next/dynamic";
import { useQueryStates } from "nuqs";
import { useCallback, useEffect, useEffectEvent, useMemo, useRef } from "react";

import { ServerTimeProvider } from "@/components/hooks/use-now";
import { AddTasksDialog } from "@/components/tasks/add-tasks-dialog";
import { BoardFreshness } from "@/components/tasks/board-freshness";
import { NotifyToggle, useBoardSignals } from "@/components/tasks/board-notifications";
import { BoardSkeleton } from "@/components/tasks/board-skeleton";
import { BoardToolbar } from "@/components/tasks/board-toolbar";
import { CardGrid } from "@/components/tasks/card-grid";
import { Button } from "@/components/ui/button";
import { Empty, EmptyContent, EmptyDescription, EmptyHeader, EmptyMedia, EmptyTitle } from "@/components/ui/empty";
import type { BoardChanges } from "@/lib/api/task-schemas";
import { boardChangesQueryOptions, boardQueryOptions, FALLBACK_POLL_MS, taskKeys } from "@/lib/api-client/tasks";
import { formatNumber } from "@/lib/format/number";
import { type BoardPages, mergeBoardChanges } from "@/lib/tasks/board-merge";
import { type BoardQuery, isFiltered } from "@/lib/tasks/board-query";
import { boardQueryOf, boardSearchParams, effectiveView } from "@/lib/tasks/board-url";

/**
 * The table's code (TanStack Table, its menus and bulk actions) loads with the table view only:
 * the cards view does not carry it. It still renders on the server when the view is the table.
 */
const TaskTable = dynamic(() => import("@/components/tasks/task-table").then((module) => module.TaskTable), {
  loading: () => <BoardSkeleton />,
});

/** The failures view's code loads with that view only (rendered on the server too when it is the view). */
const FailuresView = dynamic(() => import("@/components/tasks/failures-view").then((module) => module.FailuresView), {
  loading: () => <BoardSkeleton />,
});

interface TaskBoardProps {
  demo: boolean;
  /** How many cards of the first block the server renders (fewer for a phone: `firstBlockCards`). */
  firstCards?: number;
}

/**
 * The creators' board: pages of tasks from the server (the first hundred, more on demand), polled
 * as one query. Filters live in the URL.
 */
export function TaskBoard({ demo, firstCards }: TaskBoardProps) {
  const [urlState, setUrlState] = useQueryStates(boardSearchParams, { history: "replace" });
  // One object per distinct query: the table and the merge below see it change only when it does.
  const queryText = JSON.stringify(boardQueryOf(urlState));
  const query = useMemo(() => JSON.parse(queryText) as BoardQuery, [queryText]);
  const board = useInfiniteQuery(boardQueryOptions(query));
  const changes = useQuery({
    ...boardChangesQueryOptions(query, {
      pollIntervalMs: board.data?.pages[0]?.pollIntervalMs ?? FALLBACK_POLL_MS,
      readAt: board.dataUpdatedAt,
    }),
    enabled: board.isSuccess,
  });
  useMergeChanges(query, changes.data, board.data?.pages[0]?.version);
  const pages = board.data?.pages;
  const { fetchNextPage } = board;
  const more = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const order = useCallback((next: string | null) => void setUrlState({ order: next }), [setUrlState]);
  // Meta (counts, watcher, gateway) comes with the first page; tasks from all of them, once each.
  const data = pages?.[0];
  const tasks = useMemo(() => {
    if (!pages) return [];
    const seen = new Set<string>();
    return pages.flatMap((page) => page.tasks).filter((task) => !seen.has(task.id) && Boolean(seen.add(task.id)));
  }, [pages]);
  const view = effectiveView(urlState.view, data?.counts.all);
  useBoardSignals(tasks, data);
  // A version the store does not know (restored from a backup): read the board again, then poll on.
  const { refetch: refetchBoard } = board;
  const { refetch: refetchChanges } = changes;
  const stale = changes.error?.status === 400;
  useEffect(() => {
    if (stale) void refetchBoard().then(() => refetchChanges());
  }, [stale, refetchBoard, refetchChanges]);
  const filtered = isFiltered({ ...query, status: urlState.status });
  // How many of the matching tasks are loaded, and the next page: under the cards and the failures.
  const moreTasks = data ? (
    <MoreTasks
      shown={tasks.length}
      total={data.total}
      hasMore={board.hasNextPage}
      loading={board.isFetchingNextPage}
      onMore={more}
    />
  ) : null;
  // A click before the board has hydrated would be lost: tests (and nothing else) wait for this mark.
  // Set on the element itself: a state that flips after hydration would re-render the board.
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => sectionRef.current?.setAttribute("data-live", "true"), []);
  const clearFilters = () =>
    void setUrlState({
      status: null,
      action: null,
      category: null,
      label: null,
      q: null,
      range: null,
      start: null,
      end: null,
    });

  return (
    // Durations are shown against the answer's own time until the browser's clock ticks.
    <ServerTimeProvider value={data?.serverTime ?? 0}>
      <section ref={sectionRef} className="flex flex-col gap-4" aria-label="Task board" data-live="false">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <BoardFreshness
            data={data}
            // A poll that found nothing changed is fresh news too.
            updatedAt={Math.max(board.dataUpdatedAt, changes.dataUpdatedAt)}
            serverError={changes.error ?? board.error}
            fetching={board.isFetching || changes.isFetching}
            onRefresh={() => void board.refetch()}
          />
          <div className="flex items-center gap-2">
            <NotifyToggle />
            <AddTasksDialog demo={demo} shortcut />
          </div>
        </div>
        <BoardToolbar
          state={urlState}
          view={view}
          counts={data?.counts}
          actions={data?.actions ?? []}
          labels={data?.labels ?? []}
          onChange={(next) => void setUrlState(next)}
        />

        {board.isPending ? (
          <BoardSkeleton />
        ) : !data ? (
          <BoardEmpty
            icon={<ServerCrashIcon />}
            title="The board could not be loaded"
            text={`${board.error?.message ?? "Unknown error."} Paddock retries on its own.`}
            action={<Button onClick={() => void board.refetch()}>Try again</Button>}
            alert
          />
        ) : view === "failures" && tasks.length > 0 ? (
          <>
            <FailuresView
              tasks={tasks}
              category={query.category}
              onPickCategory={(category) => void setUrlState({ category })}
            />
            {/* The groups are of the loaded failures: how many of them, and the next page. */}
            {moreTasks}
          </>
        ) : tasks.length === 0 && (filtered || view === "failures") ? (
          <BoardEmpty
            icon={<SearchXIcon />}
            title={view === "failures" && !filtered ? "No failed tasks" : "No task matches these filters"}
            text={
              view === "failures" && !filtered
                ? "Nothing has failed. Failed tasks show up here, grouped by why."
                : "Try another status, kind, time or search."
            }
            action={
              <Button variant="outline" onClick={clearFilters}>
                Clear filters
              </Button>
            }
          />
        ) : tasks.length === 0 ? (
          <BoardEmpty
            icon={<InboxIcon />}
            title="No tasks yet"
            text="Paste the ids of your HappyHorse generations and Paddock watches them live: progress, timings, the video and any failure."
            action={<AddTasksDialog demo={demo} />}
          />
        ) : view === "table" ? (
          <>
            <TaskTable
              // A new filter is a new selection.
              key={JSON.stringify(query)}
              tasks={tasks}
              query={query}
              total={data.total}
              onOrder={order}
              hasMore={board.hasNextPage}
              loadingMore={board.isFetchingNextPage}
              onMore={more}
            />
            <p className="text-center text-sm text-muted-foreground" aria-live="polite" data-testid="board-shown">
              {formatNumber(tasks.length)} of {formatNumber(data.total)} tasks loaded
            </p>
          </>
        ) : (
          <>
            <CardGrid
              tasks={tasks}
              total={data.total}
              hasMore={board.hasNextPage}
              loadingMore={board.isFetchingNextPage}
              onMore={more}
              firstCards={firstCards}
            />
            {moreTasks}
          </>
        )}
      </section>
    </ServerTimeProvider>
  );
}

/**
 * Each new answer of the board's poll is merged into its pages; when too much changed to send,
 * the pages are read again.
 */
function useMergeChanges(query: BoardQuery, changes: BoardChanges | null | undefined, onScreen: number | undefined) {
  const queryClient = useQueryClient();
  const merge = useEffectEvent((answer: BoardChanges) => {
    const key = taskKeys.board(query);
    const current = queryClient.getQueryData<BoardPages>(key);
    if (!current) return;
    const merged = mergeBoardChanges(current, answer, query);
    if (merged.reset) void queryClient.refetchQueries({ queryKey: key, exact: true });
    else if (merged.data !== current) queryClient.setQueryData(key, merged.data);
  });
  // Again when the pages' version moves back (a page read in flight overwrote a merge).
  useEffect(() => {
    if (changes) merge(changes);
  }, [changes, onScreen]);
}

interface MoreTasksProps {
  shown: number;
  total: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}

/** How many of the matching tasks are loaded, and the next page on a click (the grid loads it as its end nears). */
function MoreTasks({ shown, total, hasMore, loading, onMore }: MoreTasksProps) {
  if (!hasMore && shown >= total) return null;
  return (
    <div className="flex flex-col items-center gap-2 py-4 text-sm text-muted-foreground">
      <p aria-live="polite" data-testid="board-shown">
        Showing {formatNumber(shown)} of {formatNumber(total)} tasks
      </p>
      {hasMore ? (
        <Button variant="outline" onClick={onMore} disabled={loading}>
          {loading ? "Loading…" : "Show more"}
        </Button>
      ) : null}
    </div>
  );
}

interface BoardEmptyProps {
  icon: React.ReactNode;
  title: string;
  text: string;
  action: React.ReactNode;
  alert?: boolean;
}

function BoardEmpty({ icon, title, text, action, alert }: BoardEmptyProps) {
  return (
    <Empty role={alert ? "alert" : undefined}>
      <EmptyHeader>
        <EmptyMedia variant="icon">{icon}</EmptyMedia>
        <EmptyTitle>{title}</EmptyTitle>
        <EmptyDescription>{text}</EmptyDescription>
      </EmptyHeader>
      <EmptyContent>{action}</EmptyContent>
    </Empty>
  );
}
