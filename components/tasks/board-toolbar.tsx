"use client";

import { SearchIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { FilterSelect } from "@/components/filter-select";
import type { BoardResponse } from "@/lib/tasks/api-types";
import { BOARD_SORTS, type BoardQuery, type BoardSort, type StatusFilter } from "@/lib/tasks/board-query";
import { actionLabel } from "@/lib/tasks/status";

export type BoardView = "cards" | "failures";

const STATUS_LABELS = {
  all: "All",
  active: "Active",
  succeeded: "Succeeded",
  failed: "Failed",
} as const satisfies Record<StatusFilter, string>;
const VIEWS = [
  { value: "cards", label: "Cards" },
  { value: "failures", label: "Failures" },
] as const satisfies ReadonlyArray<{ value: BoardView; label: string }>;
const SORT_LABELS = {
  newest: "Newest first",
  oldest: "Oldest first",
  added: "Recently added",
} as const satisfies Record<BoardSort, string>;
const SEARCH_DEBOUNCE_MS = 250;

interface BoardToolbarProps {
  query: BoardQuery;
  view: BoardView;
  counts: BoardResponse["counts"] | undefined;
  actions: string[];
  labels: string[];
  onChange: (next: Partial<BoardQuery>) => void;
  onViewChange: (view: BoardView) => void;
}

export function BoardToolbar({ query, view, counts, actions, labels, onChange, onViewChange }: BoardToolbarProps) {
  const [search, setSearch] = useState(query.q);
  const searchRef = useRef<HTMLInputElement>(null);

  // Typing updates the URL after a pause, so each keystroke is not a request.
  useEffect(() => {
    if (search.trim() === query.q) return;
    const timer = setTimeout(() => onChange({ q: search.trim() }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, query.q, onChange]);

  // "/" focuses the search box, as in most dashboards.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (event.key === "/" && !target?.closest("input, textarea, select, [contenteditable='true']")) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const statusOptions = (Object.keys(STATUS_LABELS) as StatusFilter[]).map((value) => ({
    value,
    label: (
      <>
        {STATUS_LABELS[value]}
        {counts ? <span className="ml-1.5 text-xs tabular-nums opacity-70">{counts[value]}</span> : null}
      </>
    ),
  }));

  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
      <div className="flex flex-wrap items-center gap-2">
        {view === "cards" ? (
          <SegmentedControl
            label="Status"
            options={statusOptions}
            value={query.status}
            onChange={(status) => onChange({ status, category: null })}
          />
        ) : null}
        <SegmentedControl label="View" options={VIEWS} value={view} onChange={onViewChange} />
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
            maxLength={200}
          />
        </label>
        <FilterSelect
          label="Kind of generation"
          allLabel="All kinds"
          value={query.action}
          options={actions}
          format={(action) => actionLabel(action).label}
          onChange={(action) => onChange({ action })}
        />
        <FilterSelect
          label="Label"
          allLabel="Every label"
          value={query.label}
          options={labels}
          onChange={(label) => onChange({ label })}
        />
        <label>
          <span className="sr-only">Sort</span>
          <NativeSelect
            value={query.sort}
            onChange={(event) => onChange({ sort: BOARD_SORTS.find((s) => s === event.target.value) ?? "newest" })}
          >
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
