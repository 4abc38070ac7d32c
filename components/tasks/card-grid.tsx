"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from "react";

import { TaskCard } from "@/components/tasks/task-card";
import type { TrackedTask } from "@/lib/api/task-schemas";

/**
 * The board as cards, virtualized with the page's own scroll (TanStack Virtual): the DOM holds the
 * cards on screen and one block either side, whatever the number of tasks. Cards are laid out in
 * blocks of six, which fill whole rows at one, two or three columns, so the grid stays plain CSS
 * (the server renders the same blocks as the browser) and each block is measured as it is.
 *
 * Keyboard: the grid is one tab stop (the active card's controls); the arrow keys move between
 * cards, Home and End go to the first and last loaded card, Page Up and Page Down jump three rows.
 */

const CARDS_PER_BLOCK = 6;
/** Until a block is measured: two rows of three cards (a wide screen), with the gap below. */
const BLOCK_ESTIMATE = 2 * 300 + 16;

interface CardGridProps {
  tasks: TrackedTask[];
  /** Tasks matching the filters, loaded or not (for assistive technologies' "card 3 of 2,000"). */
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
}

export const CardGrid = memo(function CardGrid({ tasks, total, hasMore, loadingMore, onMore }: CardGridProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [active, setActive] = useState(0);
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);

  // Where the grid starts on the page; it moves when a notice above appears or goes.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const measure = () => setScrollMargin(Math.round(list.getBoundingClientRect().top + window.scrollY));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const blocks = Math.ceil(tasks.length / CARDS_PER_BLOCK);
  const virtualizer = useWindowVirtualizer({
    count: blocks,
    estimateSize: () => BLOCK_ESTIMATE,
    overscan: 1,
    scrollMargin,
    // Before the browser measures (and on the server), the first screenful of cards is rendered.
    initialRect: { width: 1280, height: 900 },
    // From the top, as on the server, even when the page was scrolled before it came alive: the
    // blocks hydrated must be the blocks the server sent (the effect below then catches up).
    initialOffset: 0,
  });
  // Once live, the grid reads where the page really is (a scroll before hydration included).
  useLayoutEffect(() => {
    if (window.scrollY !== 0) window.dispatchEvent(new Event("scroll"));
  }, []);
  const items = virtualizer.getVirtualItems();
  const firstShown = (items[0]?.index ?? 0) * CARDS_PER_BLOCK;
  const lastShown = Math.min(tasks.length, ((items.at(-1)?.index ?? 0) + 1) * CARDS_PER_BLOCK) - 1;
  // The tab stop is on a card that is in the DOM: the active one, or the first one rendered.
  const tabStop = active >= firstShown && active <= lastShown ? active : firstShown;

  // The next page loads as the last loaded cards come near.
  const loadMore = useEffectEvent(onMore);
  const lastBlock = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && !loadingMore && lastBlock >= blocks - 2) loadMore();
  }, [hasMore, loadingMore, lastBlock, blocks]);

  // Focus follows the keys once the virtualizer has rendered the card it scrolled to.
  useEffect(() => {
    if (pendingFocus === null) return;
    const card = listRef.current?.querySelector<HTMLElement>(`[data-card-index="${pendingFocus}"]`);
    const target = card?.querySelector<HTMLElement>("a[href], button");
    if (!target) return;
    target.focus();
    setPendingFocus(null);
  }, [pendingFocus, items]);

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    // Typing in a card (its label) keeps its keys.
    if (target.closest("input, textarea, select, [contenteditable='true'], [role='menu'], [role='dialog']")) return;
    const columns = columnsOf(listRef.current);
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
      PageDown: columns * 3,
      PageUp: -columns * 3,
    };
    const next =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? tasks.length - 1
          : event.key in moves
            ? tabStop + (moves[event.key] ?? 0)
            : null;
    if (next === null) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(tasks.length - 1, next));
    setActive(index);
    virtualizer.scrollToIndex(Math.floor(index / CARDS_PER_BLOCK), { align: "auto" });
    setPendingFocus(index);
  }

  // The blocks are in the page's flow between two spacers (never stacked absolutely): what the
  // server rendered stays where it is once the browser measures, only the spacer below changes.
  const before = Math.max(0, (items[0]?.start ?? scrollMargin) - scrollMargin);
  const after = Math.max(0, virtualizer.getTotalSize() - ((items.at(-1)?.end ?? scrollMargin) - scrollMargin));

  return (
    <div
      ref={listRef}
      role="list"
      aria-label="Tasks"
      data-testid="card-grid"
      style={{ paddingTop: before, paddingBottom: after }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => {
        const start = item.index * CARDS_PER_BLOCK;
        return (
          <div
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            role="presentation"
            className="grid w-full grid-cols-1 items-start gap-4 pb-4 md:grid-cols-2 xl:grid-cols-3"
          >
            {tasks.slice(start, start + CARDS_PER_BLOCK).map((task, offset) => {
              const index = start + offset;
              return (
                <div
                  key={task.id}
                  role="listitem"
                  aria-posinset={index + 1}
                  aria-setsize={Math.max(total, tasks.length)}
                  data-card-index={index}
                  onFocus={() => setActive(index)}
                >
                  <TaskCard task={task} tabbable={index === tabStop} />
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
});

/** How many columns the grid shows at this width (one, two or three), from its first block. */
function columnsOf(list: HTMLElement | null): number {
  const block = list?.querySelector("[data-index]");
  if (!(block instanceof HTMLElement)) return 1;
  return Math.max(1, getComputedStyle(block).gridTemplateColumns.split(" ").filter(Boolean).length);
}
