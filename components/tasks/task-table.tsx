"use client";

import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type RowSelectionState,
  type SortingState,
  useReactTable,
  type VisibilityState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDownIcon, ArrowUpIcon, Columns3Icon } from "lucide-react";
import Link from "next/link";
import { memo, useEffect, useEffectEvent, useMemo, useRef, useState } from "react";

import { LocalTime } from "@/components/local-time";
import { BulkActions } from "@/components/tasks/bulk-actions";
import { StatusBadge } from "@/components/tasks/status-badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { TrackedTask } from "@/lib/api/task-schemas";
import { shortTaskId } from "@/lib/happyhorse/task-id";
import { type BoardQuery, parseOrder } from "@/lib/tasks/board-query";
import { formatDuration } from "@/lib/tasks/time";
import { cn } from "@/lib/utils";

/**
 * The board as a dense table (TanStack Table), virtualized (TanStack Virtual): the DOM holds the
 * rows on screen plus a margin, however many tasks are loaded. One tab stop for the whole table;
 * the arrow keys, Home and End move between rows, Enter opens the inspector.
 */

const ROW_HEIGHT = 41;
const COLUMNS_STORAGE_KEY = "paddock-table-columns";

const duration = (ms: number | null | undefined) => (ms == null ? null : ms);
const sortNullsLast = { sortUndefined: "last" as const };
const textCell = ({ getValue }: { getValue: () => unknown }) => {
  const value = getValue();
  return value === undefined || value === null ? <span className="text-muted-foreground">—</span> : String(value);
};

const COLUMNS: Array<ColumnDef<TrackedTask> & { id: string; title: string }> = [
  {
    id: "select",
    title: "Select",
    enableHiding: false,
    enableSorting: false,
    header: ({ table }) => (
      <input
        type="checkbox"
        aria-label="Select every loaded task"
        className="size-4 accent-primary"
        checked={table.getIsAllRowsSelected()}
        ref={(input) => {
          if (input) input.indeterminate = table.getIsSomeRowsSelected();
        }}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    cell: ({ row, table }) => {
      const meta = table.options.meta as TableMeta;
      return (
        <input
          type="checkbox"
          aria-label={`Select ${shortTaskId(row.original.id)}`}
          className="size-4 accent-primary"
          tabIndex={-1}
          checked={row.getIsSelected()}
          onChange={() => undefined}
          onClick={(event) => meta.onToggle(row.id, event.shiftKey)}
        />
      );
    },
  },
  {
    id: "status",
    title: "Status",
    accessorFn: (task) => task.view?.status.label ?? "Waiting",
    cell: ({ row }) =>
      row.original.view ? (
        <StatusBadge status={row.original.view.status} />
      ) : (
        <span className="text-muted-foreground">{row.original.stopped ? "Stopped" : "Waiting"}</span>
      ),
  },
  {
    id: "kind",
    title: "Kind",
    accessorFn: (task) => task.view?.action.label ?? undefined,
    cell: textCell,
    ...sortNullsLast,
  },
  { id: "label", title: "Label", accessorFn: (task) => task.label ?? undefined, cell: textCell, ...sortNullsLast },
  {
    id: "id",
    title: "Task",
    accessorFn: (task) => task.id,
    enableHiding: false,
    cell: ({ row, table }) => {
      const meta = table.options.meta as TableMeta;
      return (
        <Link
          href={`/tasks/${row.original.id}`}
          prefetch={false}
          tabIndex={meta.tabStopId === row.original.id ? 0 : -1}
          data-row-link={row.original.id}
          className="font-mono text-xs underline-offset-4 hover:underline focus-visible:underline"
          title={`Inspect ${row.original.id}`}
        >
          {shortTaskId(row.original.id)}
        </Link>
      );
    },
  },
  {
    id: "prompt",
    title: "Prompt",
    // Prompts are long free text: not a sort key the store indexes.
    enableSorting: false,
    accessorFn: (task) => task.view?.prompt ?? undefined,
    cell: ({ getValue }) => {
      const prompt = getValue<string | undefined>();
      return prompt ? (
        <span className="block max-w-80 truncate" title={prompt}>
          {prompt}
        </span>
      ) : (
        <span className="text-muted-foreground">—</span>
      );
    },
    ...sortNullsLast,
  },
  {
    id: "progress",
    title: "Progress",
    accessorFn: (task) => task.view?.progress ?? undefined,
    cell: ({ getValue }) => {
      const progress = getValue<number | undefined>();
      return progress === undefined ? <span className="text-muted-foreground">—</span> : `${Math.round(progress)}%`;
    },
    ...sortNullsLast,
  },
  {
    id: "queue",
    title: "Queue wait",
    accessorFn: (task) => duration(task.view?.durations.queueWaitMs) ?? undefined,
    cell: ({ getValue }) => formatMaybe(getValue<number | undefined>()),
    ...sortNullsLast,
  },
  {
    id: "generation",
    title: "Generation",
    accessorFn: (task) => duration(task.view?.durations.generationMs) ?? undefined,
    cell: ({ getValue }) => formatMaybe(getValue<number | undefined>()),
    ...sortNullsLast,
  },
  {
    id: "submitted",
    title: "Submitted",
    accessorFn: (task) => task.view?.platformTimes.submittedAt ?? task.addedAt ?? undefined,
    cell: ({ getValue }) => {
      const at = getValue<number | undefined>();
      return at === undefined ? "—" : <LocalTime at={at} precise={false} />;
    },
    ...sortNullsLast,
  },
];

function formatMaybe(ms: number | undefined) {
  return ms === undefined ? <span className="text-muted-foreground">—</span> : formatDuration(ms);
}

interface TableMeta {
  /**
   * The one row link in the tab order (roving focus): the active row's while that row is in the
   * DOM, else the first row in view's, so the rows can always be reached by Tab.
   */
  tabStopId: string | null;
  /** A click on a row's box; with Shift, the range from the last one clicked. */
  onToggle: (id: string, range: boolean) => void;
}

function readVisibility(): VisibilityState {
  try {
    const saved: unknown = JSON.parse(window.localStorage.getItem(COLUMNS_STORAGE_KEY) ?? "{}");
    if (!saved || typeof saved !== "object") return {};
    return Object.fromEntries(
      Object.entries(saved).filter(
        (entry): entry is [string, boolean] =>
          COLUMNS.some((column) => column.id === entry[0]) && typeof entry[1] === "boolean",
      ),
    );
  } catch {
    return {};
  }
}

interface TaskTableProps {
  tasks: TrackedTask[];
  /** The board's filters and how many tasks match them (loaded or not), for "select all matching". */
  query: BoardQuery;
  total: number;
  /** Sorting by a column is the server's: the column and direction go to the URL (`order`). */
  onOrder: (order: string | null) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
}

/** Memoized: the board's one-second clock does not re-render the table; new data does. */
export const TaskTable = memo(function TaskTable({
  tasks,
  query,
  total,
  onOrder,
  hasMore,
  loadingMore,
  onMore,
}: TaskTableProps) {
  const sorting = useMemo<SortingState>(() => {
    const order = parseOrder(query.order);
    return order ? [{ id: order.column, desc: order.descending }] : [];
  }, [query.order]);
  const setSorting = (update: SortingState | ((current: SortingState) => SortingState)) => {
    const [next] = typeof update === "function" ? update(sorting) : update;
    onOrder(next ? `${next.desc ? "-" : ""}${next.id}` : null);
  };
  const [visibility, setVisibility] = useState<VisibilityState>({});
  const [activeId, setActiveId] = useState<string | null>(null);
  const [picked, setPicked] = useState<RowSelectionState>({});
  // Every task matching the filters, loaded or not: the loaded rows show as selected.
  const [allMatching, setAllMatching] = useState(false);
  const selection = useMemo(
    () => (allMatching ? Object.fromEntries(tasks.map((task) => [task.id, true])) : picked),
    [allMatching, picked, tasks],
  );
  const setSelection = (update: RowSelectionState | ((current: RowSelectionState) => RowSelectionState)) => {
    setAllMatching(false);
    setPicked(typeof update === "function" ? update(selection) : update);
  };
  const [anchor, setAnchor] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  // Column choices are remembered in this browser (read after mount: the server cannot know them).
  const restore = useEffectEvent(() => setVisibility(readVisibility()));
  useEffect(() => restore(), []);
  const changeVisibility = (next: VisibilityState) => {
    setVisibility(next);
    window.localStorage.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(next));
  };

  const virtualizer = useVirtualizer({
    // The rows are the tasks, in the server's order (no sorting or filtering here).
    count: tasks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Before the browser measures (and on the server), the first screenful of rows is rendered.
    initialRect: { width: 1200, height: 720 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  // A row scrolled out of the DOM cannot hold the tab stop: then the first row in view does (not
  // the first rendered, which may be one of the rows kept above the view).
  const activeRendered = activeId !== null && items.some((item) => tasks[item.index]?.id === activeId);
  const firstInView = virtualizer.range?.startIndex ?? items[0]?.index ?? 0;
  const tabStopId = activeRendered ? activeId : (tasks[firstInView]?.id ?? null);

  const table = useReactTable({
    data: tasks,
    columns: COLUMNS,
    state: { sorting, columnVisibility: visibility, rowSelection: selection },
    onSortingChange: setSorting,
    onRowSelectionChange: setSelection,
    enableRowSelection: true,
    getCoreRowModel: getCoreRowModel(),
    // The server sorts (every task, not only the loaded ones): rows come in its order.
    manualSorting: true,
    getRowId: (task) => task.id,
    meta: { tabStopId, onToggle: toggle } satisfies TableMeta,
  });
  const rows = table.getRowModel().rows;

  function toggle(id: string, range: boolean) {
    const order = table.getRowModel().rows.map((row) => row.id);
    const to = order.indexOf(id);
    const from = anchor === null ? -1 : order.indexOf(anchor);
    const next = !selection[id];
    const ids = range && from >= 0 ? order.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
    setSelection((current) => {
      const updated = { ...current };
      for (const each of ids) {
        if (next) updated[each] = true;
        else delete updated[each];
      }
      return updated;
    });
    setAnchor(id);
  }

  // Tasks that left the board (untracked, filtered away) leave the selection too.
  const selectedTasks = tasks.filter((task) => selection[task.id]);
  const keepOnly = (ids: string[]) => setSelection(Object.fromEntries(ids.map((id) => [id, true])));

  // The next page loads when the last rows come into view.
  const loadMore = useEffectEvent(onMore);
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - 10) loadMore();
  }, [hasMore, loadingMore, lastIndex, rows.length]);

  // Focus follows the keys once the virtualizer has rendered the row it scrolled to.
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  useEffect(() => {
    if (!pendingFocus) return;
    const link = scrollRef.current?.querySelector<HTMLElement>(`[data-row-link="${CSS.escape(pendingFocus)}"]`);
    if (!link) return;
    link.focus();
    setPendingFocus(null);
  }, [pendingFocus, items]);

  function onKeyDown(event: React.KeyboardEvent) {
    const current = rows.findIndex((row) => row.id === (activeId ?? rows[0]?.id));
    const target =
      event.key === "ArrowDown"
        ? current + 1
        : event.key === "ArrowUp"
          ? current - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? rows.length - 1
              : event.key === "PageDown"
                ? current + 10
                : event.key === "PageUp"
                  ? current - 10
                  : null;
    if (event.key === " " && event.target instanceof HTMLAnchorElement) {
      // Space on a row selects it, as in most data tables.
      event.preventDefault();
      const id = rows[current]?.id;
      if (id) toggle(id, event.shiftKey);
      return;
    }
    if (target === null) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(rows.length - 1, target));
    const id = rows[index]?.id;
    if (!id) return;
    setActiveId(id);
    virtualizer.scrollToIndex(index, { align: "auto" });
    setPendingFocus(id);
  }

  const visibleColumns = table.getVisibleLeafColumns();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <BulkActions
          selected={selectedTasks}
          onSelect={keepOnly}
          query={query}
          total={total}
          allLoaded={selectedTasks.length === tasks.length}
          allMatching={allMatching}
          onAllMatching={setAllMatching}
        />
        <span className="flex-1" />
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" size="sm">
              <Columns3Icon aria-hidden="true" />
              Columns
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuLabel>Show columns</DropdownMenuLabel>
            <DropdownMenuSeparator />
            {COLUMNS.filter((column) => column.enableHiding !== false).map((column) => (
              <DropdownMenuCheckboxItem
                key={column.id}
                checked={visibility[column.id] !== false}
                onSelect={(event) => event.preventDefault()}
                onCheckedChange={(checked) => changeVisibility({ ...visibility, [column.id]: checked })}
              >
                {column.title}
              </DropdownMenuCheckboxItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
      <div ref={scrollRef} className="max-h-[70vh] overflow-auto rounded-lg border" data-testid="task-table-scroll">
        <table className="w-full border-collapse text-sm" aria-label="Tasks" aria-rowcount={rows.length + 1}>
          <thead className="sticky top-0 z-10 bg-muted/95 backdrop-blur">
            <tr>
              {table.getHeaderGroups()[0]?.headers.map((header) => {
                const column = header.column;
                if (column.id === "select") {
                  return (
                    <th key={column.id} scope="col" className="w-8 px-3 py-2">
                      {flexRender(column.columnDef.header, header.getContext())}
                    </th>
                  );
                }
                const sorted = column.getIsSorted();
                const title = COLUMNS.find((candidate) => candidate.id === column.id)?.title ?? column.id;
                return (
                  <th
                    key={column.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                    className="px-3 py-2 text-left font-medium whitespace-nowrap text-muted-foreground"
                  >
                    <button
                      type="button"
                      onClick={column.getToggleSortingHandler()}
                      className="inline-flex items-center gap-1 hover:text-foreground"
                      title={`Sort every matching task by ${title.toLowerCase()}`}
                    >
                      {title}
                      {sorted === "asc" ? (
                        <ArrowUpIcon className="size-3.5" aria-hidden="true" />
                      ) : sorted === "desc" ? (
                        <ArrowDownIcon className="size-3.5" aria-hidden="true" />
                      ) : null}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody onKeyDown={onKeyDown}>
            {paddingTop > 0 ? (
              <tr aria-hidden="true">
                <td style={{ height: paddingTop }} colSpan={visibleColumns.length} />
              </tr>
            ) : null}
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <tr
                  key={row.id}
                  data-testid="task-row"
                  data-task-id={row.id}
                  aria-rowindex={item.index + 2}
                  onFocus={() => setActiveId(row.id)}
                  className={cn("border-t hover:bg-muted/40", activeId === row.id && "bg-muted/40")}
                  style={{ height: ROW_HEIGHT }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="px-3 py-1.5 whitespace-nowrap">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
            {paddingBottom > 0 ? (
              <tr aria-hidden="true">
                <td style={{ height: paddingBottom }} colSpan={visibleColumns.length} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
});
