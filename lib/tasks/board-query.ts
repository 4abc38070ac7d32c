import { LABEL_MAX_LENGTH } from "@/lib/tasks/label";
import { FAILURE_CATEGORY_KEYS, type FailureCategory } from "@/lib/tasks/failure-category";

/** The board's filters and sort: the values the URL and `GET /api/tasks` accept. Pure. */

export const STATUS_FILTERS = ["all", "active", "succeeded", "failed"] as const;
export const BOARD_SORTS = ["newest", "oldest", "added"] as const;
export const SEARCH_MAX_LENGTH = 200;

export type StatusFilter = (typeof STATUS_FILTERS)[number];
export type BoardSort = (typeof BOARD_SORTS)[number];

export interface BoardQuery {
  status: StatusFilter;
  action: string | null;
  /** Failed tasks of one failure category. */
  category: FailureCategory | null;
  label: string | null;
  q: string;
  sort: BoardSort;
}

export const DEFAULT_BOARD_QUERY: BoardQuery = {
  status: "all",
  action: null,
  category: null,
  label: null,
  q: "",
  sort: "newest",
};

const ACTION_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return values.find((candidate) => candidate === value) ?? fallback;
}

/** Lenient reading for the browser's address bar: anything unknown falls back to the default. */
export function readBoardQuery(params: URLSearchParams): BoardQuery {
  const action = params.get("action");
  return {
    status: oneOf(STATUS_FILTERS, params.get("status"), DEFAULT_BOARD_QUERY.status),
    action: action && ACTION_PATTERN.test(action) ? action : null,
    category: FAILURE_CATEGORY_KEYS.find((key) => key === params.get("category")) ?? null,
    label: params.get("label")?.trim().slice(0, LABEL_MAX_LENGTH) || null,
    q: (params.get("q") ?? "").trim().slice(0, SEARCH_MAX_LENGTH),
    sort: oneOf(BOARD_SORTS, params.get("sort"), DEFAULT_BOARD_QUERY.sort),
  };
}

/** Only the values that differ from the defaults, so shared links stay short. */
export function boardQueryToParams(query: BoardQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.status !== DEFAULT_BOARD_QUERY.status) params.set("status", query.status);
  if (query.action) params.set("action", query.action);
  if (query.category) params.set("category", query.category);
  if (query.label) params.set("label", query.label);
  if (query.q) params.set("q", query.q);
  if (query.sort !== DEFAULT_BOARD_QUERY.sort) params.set("sort", query.sort);
  return params;
}

export { ACTION_PATTERN };
