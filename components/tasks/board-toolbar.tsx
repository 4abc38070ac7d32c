"use client";

import { SearchIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { Input } from "@/components/ui/input";
import type { BoardResponse } from "@/lib/tasks/api-types";
import { BOARD_SORTS, type BoardQuery, type BoardSort, type StatusFilter } from "@/lib/tasks/board-query";
import { actionLabel } from "@/lib/tasks/status";
import { cn } from "@/lib/utils";

const STATUS_TABS = [
  { value: "all", label: "All" },
  { value: "active", label: "Active" },
  { value: "succeeded", label: "Succeeded" },
  { value: "failed", label: "Failed" },
] as const satisfies ReadonlyArray<{ value: StatusFilter; label: string }>;

const SORT_LABELS = {
  newest: "Newest first",
  oldest: "Oldest first",
  added: "Recently added",
} as const satisfies Record<BoardSort, string>;

const VIEWS = [
  { value: "cards", label: "Cards" },
  { value: "failures", label: "Failures" },
] as const satisfies ReadonlyArray<{ value: BoardView; label: string }>;

const SEARCH_DEBOUNCE_MS = 250;
const segmentClass = "inline-flex w-fit rounded-lg border bg-muted p-0.5";
const segmentButtonClass =
  "rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50";
const segmentActiveClass = "bg-background text-foreground shadow-sm";
const selectClass =
  "h-9 rounded-md border border-input bg-background px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/30";

export type BoardView = "cards" | "failures";

interface BoardToolbarProps {
  query: BoardQuery;
  view: BoardView;
  onViewChange: (view: BoardView) => void;
  counts: BoardResponse["counts"] | undefined;
  actions: string[];
  labels: string[];
  onChange: (next: Partial<BoardQuery>) => void;
}

export function BoardToolbar({ query, view, counts, actions, labels, onChange, onViewChange }: BoardToolbarProps) {
  const [search, setSearch] = useState(query.q);
  const searchRef = useRef<HTMLInputElement>(null);
  const actionChoices = query.action && !actions.includes(query.action) ? [...actions, query.action] : actions;
  const labelChoices = query.label && !labels.includes(query.label) ? [...labels, query.label] : labels;

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

  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
      <div className="flex flex-wrap items-center gap-2">
        {view === "cards" ? (
          <div role="group" aria-label="Status" className={segmentClass}>
            {STATUS_TABS.map((tab) => (
              <button
                key={tab.value}
                type="button"
                aria-pressed={query.status === tab.value}
                onClick={() => onChange({ status: tab.value, category: null })}
                className={cn(segmentButtonClass, query.status === tab.value && segmentActiveClass)}
              >
                {tab.label}
                {counts ? <span className="ml-1.5 text-xs tabular-nums opacity-70">{counts[tab.value]}</span> : null}
              </button>
            ))}
          </div>
        ) : null}
        <div role="group" aria-label="View" className={segmentClass}>
          {VIEWS.map((option) => (
            <button
              key={option.value}
              type="button"
              aria-pressed={view === option.value}
              onClick={() => onViewChange(option.value)}
              className={cn(segmentButtonClass, view === option.value && segmentActiveClass)}
            >
              {option.label}
            </button>
          ))}
        </div>
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
        <label>
          <span className="sr-only">Kind of generation</span>
          <select
            className={selectClass}
            value={query.action ?? ""}
            onChange={(event) => onChange({ action: event.target.value || null })}
          >
            <option value="">All kinds</option>
            {actionChoices.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action).label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="sr-only">Label</span>
          <select
            className={selectClass}
            value={query.label ?? ""}
            onChange={(event) => onChange({ label: event.target.value || null })}
          >
            <option value="">Every label</option>
            {labelChoices.map((label) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="sr-only">Sort</span>
          <select
            className={selectClass}
            value={query.sort}
            onChange={(event) => onChange({ sort: BOARD_SORTS.find((s) => s === event.target.value) ?? "newest" })}
          >
            {BOARD_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
