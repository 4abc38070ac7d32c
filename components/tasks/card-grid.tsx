"use client";

import { defaultRangeExtractor, measureElement, useWindowVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { memo, useDeferredValue, useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from "react";

import { useIdle } from "@/components/hooks/use-idle";
import { CardBlock } from "@/components/tasks/card-block";
import type { TrackedTask } from "@/lib/api/task-schemas";
import { CARDS_PER_BLOCK } from "@/lib/tasks/card-layout";

/**
 * The board as cards, virtualized with the page's own scroll (TanStack Virtual): the DOM holds the
 * cards on screen and one block either side, whatever the number of tasks. Cards are laid out in
 * blocks of six, which fill whole rows at one, two or three columns, so the grid stays plain CSS
 * and each block is measured as it is. The server renders the first block only (on a phone, the
 * first cards of it: `firstCards`); the browser adds what its window shows once it has measured,
 * and the rest of the first block and the block beyond when it is idle.
 *
 * Keyboard: the grid is one tab stop (the active card's controls); the arrow keys move between
 * cards, Home and End go to the first and last loaded card, Page Up and Page Down jump three rows.
 */

/** Until a block is measured: two rows of three cards (a wide screen), with the gap below. */
const BLOCK_ESTIMATE = 2 * 300 + 16;
/** The window the virtualizer assumes until the browser measures (and on the server): one block. */
const FIRST_RENDER_RECT = { width: 1280, height: BLOCK_ESTIMATE - 16 };
/**
 * On a phone (one column): six cards and their gaps, taller than its screen, so the window the
 * browser measures as the page comes alive still shows the server's one block, and the grid
 * renders nothing again in hydration's commit.
 */
const PHONE_BLOCK_ESTIMATE = CARDS_PER_BLOCK * (300 + 16);
/** While a phone's first block has only the server's few cards, nothing is laid out after them. */
const FIRST_BLOCK_ONLY = () => [0];
/**
 * Whether a card grid has already mounted in this page: only the first one hydrates the server's
 * HTML, so only it starts a phone's first block with the server's few cards.
 */
let mountedBefore = false;

interface CardGridProps {
  tasks: TrackedTask[];
  /** Tasks matching the filters, loaded or not (for assistive technologies' "card 3 of 2,000"). */
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  /** How many cards of the first block the server rendered (all of them but on a phone). */
  firstCards?: number;
}

export const CardGrid = memo(function CardGrid({
  tasks: latestTasks,
  total,
  hasMore,
  loadingMore,
  onMore,
  firstCards = CARDS_PER_BLOCK,
}: CardGridProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [active, setActive] = useState(0);
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);
  // New tasks and newly visible blocks render in the background, a few cards at a time (React
  // yields between them), so a poll, a scroll or the first measure never blocks the page.
  const tasks = useDeferredValue(latestTasks);

  // Where the grid starts on the page; it moves when a notice above appears or goes. The observer's
  // first report (after layout, in a task of its own) gives the first value: measured here, inside
  // React's commit, it would force a layout and a synchronous second render into hydration's task.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const observer = new ResizeObserver(() =>
      setScrollMargin(Math.round(list.getBoundingClientRect().top + window.scrollY)),
    );
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  // A phone's first block is the server's few cards until the page is idle or scrolls (the rest then
  // render in the background, as a newly visible block does) or a key moves between cards (at once).
  // The block past the screen's edge waits for the next idle moment, so neither makes one long task.
  const phone = firstCards < CARDS_PER_BLOCK;
  const [partial] = useState(() => phone && !mountedBefore);
  useEffect(() => {
    mountedBefore = true;
  }, []);
  const [keyed, setKeyed] = useState(false);
  const idle = useIdle(partial);
  const filled = useDeferredValue(!partial || idle) || keyed;
  const ahead = useIdle(filled);

  const blocks = Math.ceil(tasks.length / CARDS_PER_BLOCK);
  const virtualizer = useWindowVirtualizer({
    count: blocks,
    estimateSize: () => (phone ? PHONE_BLOCK_ESTIMATE : BLOCK_ESTIMATE),
    // One block on the server (two rows of a wide screen): the HTML stays small and hydrates fast.
    // The block past the screen's edge comes once the browser is idle, not while the page loads.
    overscan: ahead ? 1 : 0,
    // The first block's missing cards would otherwise come in above a second one (a jump).
    rangeExtractor: filled ? defaultRangeExtractor : FIRST_BLOCK_ONLY,
    scrollMargin,
    initialRect: FIRST_RENDER_RECT,
    // From the top, as on the server, even when the page was scrolled before it came alive: the
    // blocks hydrated must be the blocks the server sent (the effect below then catches up).
    initialOffset: 0,
    measureElement: measureFromObserver,
  });
  // Once live, the grid reads where the page really is (a scroll before hydration included).
  useLayoutEffect(() => {
    if (window.scrollY !== 0) window.dispatchEvent(new Event("scroll"));
  }, []);
  const items = useDeferredValue(virtualizer.getVirtualItems());
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
  }, [pendingFocus, items, filled]);

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
    setKeyed(true);
    const index = Math.max(0, Math.min(tasks.length - 1, next));
    setActive(index);
    virtualizer.scrollToIndex(Math.floor(index / CARDS_PER_BLOCK), { align: "auto" });
    setPendingFocus(index);
  }

  // The blocks are in the page's flow between two spacers (never stacked absolutely): what the
  // server rendered stays where it is once the browser measures, only the spacer below changes.
  const before = Math.max(0, (items[0]?.start ?? scrollMargin) - scrollMargin);
  const after = Math.max(0, virtualizer.getTotalSize() - ((items.at(-1)?.end ?? scrollMargin) - scrollMargin));
  const setSize = Math.max(total, tasks.length);

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
          <CardBlock
            key={item.key}
            index={item.index}
            measureRef={virtualizer.measureElement}
            tasks={tasks}
            start={start}
            limit={item.index === 0 && !filled ? firstCards : CARDS_PER_BLOCK}
            setSize={setSize}
            // Only the block that holds the tab stop re-renders when it moves.
            tabStop={tabStop >= start && tabStop < start + CARDS_PER_BLOCK ? tabStop : -1}
            onActive={setActive}
          />
        );
      })}
    </div>
  );
});

/**
 * A block's height as its ResizeObserver reports it (after layout, outside React's commit). When
 * a block mounts, the virtualizer would otherwise read its height at once, forcing a layout inside
 * the commit and a synchronous re-render; it keeps the size it knows until the observer reports.
 */
function measureFromObserver(
  element: HTMLDivElement,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<Window, HTMLDivElement>,
): number {
  if (entry) return measureElement(element, entry, instance);
  const index = instance.indexFromElement(element);
  return instance.measurementsCache[index]?.size ?? instance.options.estimateSize(index);
}

/** How many columns the grid shows at this width (one, two or three), from its first block. */
function columnsOf(list: HTMLElement | null): number {
  const block = list?.querySelector("[data-index]");
  if (!(block instanceof HTMLElement)) return 1;
  return Math.max(1, getComputedStyle(block).gridTemplateColumns.split(" ").filter(Boolean).length);
}
