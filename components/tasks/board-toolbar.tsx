"use client";

import { SearchIcon } from "lucide-react";
import { useEffect, useEffectEvent, useRef, useState } from "react";

import { KindFilter, LabelFilter } from "@/components/filters/filter-select";
import { useShortcut } from "@/components/hooks/use-shortcut";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { SegmentedControl } from "@/components/ui/segmented-control";
import type { BoardResponse } from "@/lib/api/task-schemas";
import {
  BOARD_RANGES,
  BOARD_SORTS,
  type BoardOrderColumn,
  type BoardRange,
  type BoardSort,
  parseOrder,
  SEARCH_MAX_LENGTH,
  STATUS_FILTERS,
  type StatusFilter,
} from "@/lib/tasks/board-query";
import type { BoardUrlState, BoardView } from "@/lib/tasks/board-url";

const STATUS_LABELS = {
  all: "All",
  active: "Active",
  succeeded: "Succeeded",
  failed: "Failed",
  not_found: "Not found",
  gave_up: "Gave up",
} as const satisfies Record<StatusFilter, string>;
/** Groups shown only when they hold a task (or are chosen): most boards never have them. */
const RARE_GROUPS: ReadonlySet<StatusFilter> = new Set(["not_found", "gave_up"]);
const VIEWS = [
  { value: "table", label: "Table" },
  { value: "cards", label: "Cards" },
  { value: "failures", label: "Failures" },
] as const satisfies ReadonlyArray<{ value: BoardView; label: string }>;
const SORT_LABELS = {
  newest: "Newest first",
  oldest: "Oldest first",
  added: "Recently added",
} as const satisfies Record<BoardSort, string>;
const RANGE_LABELS = {
  all: "Any time",
  today: "Submitted today",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom dates…",
} as const satisfies Record<BoardRange, string>;
const SEARCH_DEBOUNCE_MS = 250;

/** "By progress, high to low": a table column's order, as the sort picker shows it. */
function orderLabel(order: string): string {
  const parsed = parseOrder(order);
  if (!parsed) return "By column";
  const name = ORDER_NAMES[parsed.column];
  return `By ${name}, ${parsed.descending ? "high to low" : "low to high"}`;
}

const ORDER_NAMES = {
  status: "status",
  kind: "kind",
  label: "label",
  id: "task id",
  progress: "progress",
  queue: "queue wait",
  generation: "generation time",
  submitted: "submission time",
} as const satisfies Record<BoardOrderColumn, string>;

/** Today as `<input type="date">` writes it, in the viewer's time zone. */
function todayLocal(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface BoardToolbarProps {
  state: BoardUrlState;
  /** The view shown (the URL's, or the default for the board's size). */
  view: BoardView;
  counts: BoardResponse["counts"] | undefined;
  actions: string[];
  labels: string[];
  onChange: (next: Partial<BoardUrlState>) => void;
}

export function BoardToolbar({ state, view, counts, actions, labels, onChange }: BoardToolbarProps) {
  const [search, setSearch] = useState(state.q);
  // The last search this box put in the URL: a different one came from elsewhere (Clear filters).
  const [committed, setCommitted] = useState(state.q);
  if (state.q !== committed) {
    setCommitted(state.q);
    setSearch(state.q);
  }
  const searchRef = useRef<HTMLInputElement>(null);

  // Typing updates the URL after a pause, so each keystroke is not a request.
  const commitSearch = useEffectEvent((q: string) => {
    setCommitted(q);
    onChange({ q });
  });
  useEffect(() => {
    if (search.trim() === state.q) return;
    const timer = setTimeout(() => commitSearch(search.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, state.q]);

  // "/" focuses the search box, as in most dashboards.
  useShortcut("/", () => searchRef.current?.focus());

  const statusOptions = STATUS_FILTERS.filter(
    (value) => !RARE_GROUPS.has(value) || (counts?.[value] ?? 0) > 0 || state.status === value,
  ).map((value) => ({
    value,
    label: (
      <>
        {STATUS_LABELS[value]}
        {counts ? <span className="ml-1.5 text-xs font-normal tabular-nums">{counts[value]}</span> : null}
      </>
    ),
  }));

  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
      <div className="flex flex-wrap items-center gap-2">
        {view !== "failures" ? (
          <SegmentedControl
            label="Status"
            options={statusOptions}
            value={state.status}
            onChange={(status) => onChange({ status, category: null })}
          />
        ) : null}
        <SegmentedControl
          label="View"
          options={VIEWS}
          value={view}
          onChange={(next) => onChange({ view: next, category: null })}
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label className="relative">
          <span className="sr-only">Search by id or prompt</span>
          <SearchIcon
            className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground"
            aria-hidden="true"
          />
          <Input
            ref={searchRef}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Search id or prompt  /"
            className="w-56 pl-8"
            maxLength={SEARCH_MAX_LENGTH}
          />
        </label>
        <KindFilter value={state.action} options={actions} onChange={(action) => onChange({ action })} />
        <LabelFilter value={state.label} options={labels} onChange={(label) => onChange({ label })} />
        <label>
          <span className="sr-only">Submitted</span>
          <NativeSelect
            value={state.range}
            onChange={(event) =>
              onChange({
                range: BOARD_RANGES.find((range) => range === event.target.value) ?? "all",
                // Custom days start as today, to edit; other ranges carry none.
                ...(event.target.value === "custom"
                  ? { start: todayLocal(), end: todayLocal() }
                  : { start: null, end: null }),
              })
            }
          >
            {BOARD_RANGES.map((range) => (
              <option key={range} value={range}>
                {RANGE_LABELS[range]}
              </option>
            ))}
          </NativeSelect>
        </label>
        {state.range === "custom" ? (
          <div className="flex items-center gap-1 text-sm" role="group" aria-label="Custom dates">
            <label className="flex items-center gap-1">
              <span className="text-muted-foreground">From</span>
              <Input
                type="date"
                value={state.start ?? ""}
                max={state.end ?? undefined}
                onChange={(event) => onChange({ start: event.target.value || null })}
                className="w-38"
              />
            </label>
            <label className="flex items-center gap-1">
              <span className="text-muted-foreground">to</span>
              <Input
                type="date"
                value={state.end ?? ""}
                min={state.start ?? undefined}
                onChange={(event) => onChange({ end: event.target.value || null })}
                className="w-38"
              />
            </label>
          </div>
        ) : null}
        <label>
          <span className="sr-only">Sort</span>
          <NativeSelect
            value={state.order ? "order" : state.sort}
            onChange={(event) =>
              onChange({ sort: BOARD_SORTS.find((sort) => sort === event.target.value) ?? "newest", order: null })
            }
          >
            {state.order ? (
              <option value="order" disabled>
                {orderLabel(state.order)}
              </option>
            ) : null}
            {BOARD_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </NativeSelect>
        </label>
      </div>
    </div>
  );
}
