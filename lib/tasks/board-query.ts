import { z } from "zod/mini";

import { lazySchema } from "@/lib/lazy-schema";
import { FAILURE_CATEGORY_KEYS } from "@/lib/tasks/failure-category";
import { LABEL_MAX_LENGTH } from "@/lib/tasks/label";

/** The board's filters and sort: the values the URL and `GET /api/tasks` accept. Pure. */

/** The board's status groups: the gateway's three, and the tasks Paddock stopped watching. */
export const STATUS_FILTERS = ["all", "active", "succeeded", "failed", "not_found", "gave_up"] as const;
export const BOARD_SORTS = ["newest", "oldest", "added"] as const;
/**
 * Submitted (or, before the first answer, added) within: today, the last 7 or 30 days, days the
 * viewer picks, or any time.
 */
export const BOARD_RANGES = ["all", "today", "7d", "30d", "custom"] as const;
/** A board page: the first tasks of the filtered view, then the next ones after a cursor. */
export const BOARD_PAGE_DEFAULT = 100;
export const BOARD_PAGE_MAX = 500;
export const SEARCH_MAX_LENGTH = 200;
/** A generation kind as gateways name it: `generate`, `omniGenerate`, … */
export const ACTION_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

/**
 * The table's columns the server sorts by (`order=progress`, `order=-progress` descending); an
 * order replaces the time sort, ties go by id.
 */
export const BOARD_ORDER_COLUMNS = [
  "status",
  "kind",
  "label",
  "id",
  "progress",
  "queue",
  "generation",
  "submitted",
] as const;
export type BoardOrderColumn = (typeof BOARD_ORDER_COLUMNS)[number];
const ORDER_PATTERN = new RegExp(`^-?(${BOARD_ORDER_COLUMNS.join("|")})$`);

/** A column and a direction, from `order`. */
export function parseOrder(order: string | null): { column: BoardOrderColumn; descending: boolean } | null {
  if (order === null || !ORDER_PATTERN.test(order)) return null;
  const descending = order.startsWith("-");
  const name = descending ? order.slice(1) : order;
  const column = BOARD_ORDER_COLUMNS.find((candidate) => candidate === name);
  return column ? { column, descending } : null;
}

export type StatusFilter = (typeof STATUS_FILTERS)[number];
export type BoardSort = (typeof BOARD_SORTS)[number];
export type BoardRange = (typeof BOARD_RANGES)[number];

export const actionSchema = lazySchema(() =>
  z.string().check(z.regex(ACTION_PATTERN, "A kind is a name such as generate or omniGenerate.")),
);
/** No control characters (a NUL byte is not text PostgreSQL can compare). */
const NO_CONTROLS = /^[^\p{Cc}]*$/u;

export const labelFilterSchema = lazySchema(() =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(LABEL_MAX_LENGTH),
      z.regex(NO_CONTROLS, "A label has no control characters."),
    ),
);

export const boardQuerySchema = lazySchema(() =>
  z.object({
    status: z._default(z.enum(STATUS_FILTERS), "all"),
    action: z._default(z.nullable(actionSchema), null),
    /** Failed tasks of one failure category. */
    category: z._default(z.nullable(z.enum(FAILURE_CATEGORY_KEYS)), null),
    label: z._default(z.nullable(labelFilterSchema), null),
    q: z._default(
      z
        .string()
        .check(
          z.trim(),
          z.maxLength(SEARCH_MAX_LENGTH, `q has at most ${SEARCH_MAX_LENGTH} characters.`),
          z.regex(NO_CONTROLS, "q has no control characters."),
        ),
      "",
    ),
    sort: z._default(z.enum(BOARD_SORTS), "newest"),
    /** A table column to sort by instead (`-` first for descending). */
    order: z._default(
      z.nullable(
        z
          .string()
          .check(
            z.regex(ORDER_PATTERN, `order is one of ${BOARD_ORDER_COLUMNS.join(", ")}, with - first for descending.`),
          ),
      ),
      null,
    ),
    /** Epoch ms: tasks submitted (or added) at or after `from` and before `to`. */
    from: z._default(z.nullable(z.coerce.number().check(z.int(), z.nonnegative())), null),
    to: z._default(z.nullable(z.coerce.number().check(z.int(), z.nonnegative())), null),
  }),
);

export type BoardQuery = z.output<typeof boardQuerySchema>;

/** What `boardQuerySchema` makes of no filters (a unit test holds the two together). */
export const DEFAULT_BOARD_QUERY: BoardQuery = {
  status: "all",
  action: null,
  category: null,
  label: null,
  q: "",
  sort: "newest",
  order: null,
  from: null,
  to: null,
};

/** Only the values that differ from the defaults, so shared links and API calls stay short. */
export function boardQueryToParams(query: BoardQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.status !== DEFAULT_BOARD_QUERY.status) params.set("status", query.status);
  if (query.action) params.set("action", query.action);
  if (query.category) params.set("category", query.category);
  if (query.label) params.set("label", query.label);
  if (query.q) params.set("q", query.q);
  if (query.sort !== DEFAULT_BOARD_QUERY.sort) params.set("sort", query.sort);
  if (query.order) params.set("order", query.order);
  if (query.from !== null) params.set("from", String(query.from));
  if (query.to !== null) params.set("to", String(query.to));
  return params;
}

/** True when any filter narrows the board. */
export function isFiltered(query: BoardQuery): boolean {
  return (
    query.status !== "all" ||
    query.action !== null ||
    query.category !== null ||
    query.label !== null ||
    query.q !== "" ||
    query.from !== null ||
    query.to !== null
  );
}

/** One page of the board, as `GET /api/tasks` takes it beside the filters. */
export const boardPageSchema = lazySchema(() =>
  z.object({
    limit: z._default(
      z.coerce
        .number()
        .check(
          z.int(),
          z.minimum(1, "limit is at least 1."),
          z.maximum(BOARD_PAGE_MAX, `limit is at most ${BOARD_PAGE_MAX}.`),
        ),
      BOARD_PAGE_DEFAULT,
    ),
    cursor: z._default(
      z.nullable(z.string().check(z.maxLength(1000, "The cursor is not one Paddock gave: start from the first page."))),
      null,
    ),
  }),
);
export type BoardPage = z.output<typeof boardPageSchema>;

/** `since`: a board answer's `version`, to ask what changed after it instead of a page. */
export const boardSinceSchema = lazySchema(() =>
  z.object({
    since: z._default(z.nullable(z.coerce.number().check(z.int(), z.nonnegative())), null),
  }),
);

/**
 * The start of a range in the viewer's time zone, as whole local days: stable all day long, so a
 * poll's query (and its cache key) does not change every second.
 */
export function rangeStart(range: BoardRange, now: number): number | null {
  if (range === "all" || range === "custom") return null;
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  const back = range === "today" ? 0 : range === "7d" ? 6 : 29;
  day.setDate(day.getDate() - back);
  return day.getTime();
}

/** A day as `<input type="date">` writes it. */
export const LOCAL_DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight starting a `YYYY-MM-DD` day, in the viewer's time zone; `days` later for an end. */
export function localDayStart(day: string, days = 0): number | null {
  if (!LOCAL_DAY_PATTERN.test(day)) return null;
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  // A day that does not exist (February 30th) is no day, not March 2nd.
  const first = new Date(year, month - 1, date);
  if (first.getMonth() !== month - 1 || first.getDate() !== date) return null;
  return new Date(year, month - 1, date + days).getTime();
}
