import { createParser, type inferParserType, parseAsStringLiteral } from "nuqs/server";

import {
  ACTION_PATTERN,
  BOARD_RANGES,
  BOARD_SORTS,
  type BoardQuery,
  LOCAL_DAY_PATTERN,
  localDayStart,
  parseOrder,
  rangeStart,
  SEARCH_MAX_LENGTH,
  STATUS_FILTERS,
} from "@/lib/tasks/board-query";
import { FAILURE_CATEGORY_KEYS } from "@/lib/tasks/failure-category";
import { LABEL_MAX_LENGTH } from "@/lib/tasks/label";

/**
 * The board's state in the address bar, read leniently (nuqs parsers): anything unknown falls
 * back to the default, so an old or hand-edited link still opens the board.
 */

export const BOARD_VIEWS = ["cards", "table", "failures"] as const;
/** Above this many tasks the board opens as a table unless the URL says otherwise. */
export const TABLE_BY_DEFAULT_ABOVE = 48;
export type BoardView = (typeof BOARD_VIEWS)[number];

const text = (parse: (value: string) => string | null) => createParser({ parse, serialize: (value: string) => value });

export const boardSearchParams = {
  status: parseAsStringLiteral(STATUS_FILTERS).withDefault("all"),
  action: text((value) => (ACTION_PATTERN.test(value) ? value : null)),
  category: parseAsStringLiteral(FAILURE_CATEGORY_KEYS),
  label: text((value) => value.trim().slice(0, LABEL_MAX_LENGTH) || null),
  q: text((value) => value.trim().slice(0, SEARCH_MAX_LENGTH)).withDefault(""),
  sort: parseAsStringLiteral(BOARD_SORTS).withDefault("newest"),
  /** A table column the server sorts by (`-` first for descending); replaces `sort`. */
  order: text((value) => (parseOrder(value) ? value : null)),
  range: parseAsStringLiteral(BOARD_RANGES).withDefault("all"),
  /** The first and last day of a custom range (`range=custom`), inclusive, as the viewer's local days. */
  start: text((value) => (LOCAL_DAY_PATTERN.test(value) ? value : null)),
  end: text((value) => (LOCAL_DAY_PATTERN.test(value) ? value : null)),
  /** Null: cards for a few dozen tasks, the table above that (see `effectiveView`). */
  view: parseAsStringLiteral(BOARD_VIEWS),
};

export type BoardUrlState = inferParserType<typeof boardSearchParams>;

/**
 * What the board asks the API for: the failures view shows failed tasks only; a time range starts
 * at a local midnight (so the query stays the same all day); custom days run from the first
 * day's midnight to the midnight after the last.
 */
export function boardQueryOf({ view, range, start, end, ...query }: BoardUrlState, now = Date.now()): BoardQuery {
  const time =
    range === "custom"
      ? { from: start ? localDayStart(start) : null, to: end ? localDayStart(end, 1) : null }
      : { from: rangeStart(range, now), to: null };
  return view === "failures" ? { ...query, ...time, status: "failed" } : { ...query, ...time };
}

/** The view shown: the URL's, or the table when the board holds more than a few dozen tasks. */
export function effectiveView(view: BoardView | null, total: number | undefined): BoardView {
  if (view) return view;
  return (total ?? 0) > TABLE_BY_DEFAULT_ABOVE ? "table" : "cards";
}
