import { ACTION_PATTERN } from "@/lib/tasks/board-query";
import { LABEL_MAX_LENGTH } from "@/lib/tasks/label";
import { STATUS_GROUPS, type StatusGroup } from "@/lib/tasks/status";

/**
 * The usage review's filters. The page keeps a period name (or a custom range of dates) in
 * the URL; the API takes the resolved instants and the viewer's UTC offset for day buckets.
 */

export const PERIODS = ["today", "7d", "30d", "custom"] as const;
export type Period = (typeof PERIODS)[number];
export const TIERS = [720, 1080] as const;
export type Tier = (typeof TIERS)[number];
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

export interface UsageFilters {
  label: string | null;
  action: string | null;
  tier: Tier | null;
  status: StatusGroup | null;
}

export interface UsageQuery extends UsageFilters {
  from: number;
  to: number;
  /** Minutes to add to UTC for the viewer's local time (UTC+8 is 480). */
  tzOffsetMinutes: number;
}

export interface UsagePageState extends UsageFilters {
  period: Period;
  /** YYYY-MM-DD, inclusive, for the custom period. */
  fromDate: string | null;
  toDate: string | null;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function readUsagePageState(params: URLSearchParams): UsagePageState {
  const tier = Number(params.get("tier"));
  const status = params.get("status");
  const action = params.get("action");
  const fromDate = params.get("from");
  const toDate = params.get("to");
  return {
    period: PERIODS.find((period) => period === params.get("period")) ?? "7d",
    fromDate: fromDate && DATE_PATTERN.test(fromDate) ? fromDate : null,
    toDate: toDate && DATE_PATTERN.test(toDate) ? toDate : null,
    label: params.get("label")?.trim().slice(0, LABEL_MAX_LENGTH) || null,
    action: action && ACTION_PATTERN.test(action) ? action : null,
    tier: TIERS.find((candidate) => candidate === tier) ?? null,
    status: STATUS_GROUPS.find((group) => group === status) ?? null,
  };
}

export function usagePageStateToParams(state: UsagePageState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.period !== "7d") params.set("period", state.period);
  if (state.period === "custom") {
    if (state.fromDate) params.set("from", state.fromDate);
    if (state.toDate) params.set("to", state.toDate);
  }
  if (state.label) params.set("label", state.label);
  if (state.action) params.set("action", state.action);
  if (state.tier) params.set("tier", String(state.tier));
  if (state.status) params.set("status", state.status);
  return params;
}

function localMidnight(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

function parseLocalDate(text: string | null): number | null {
  if (!text) return null;
  const [year, month, day] = text.split("-").map(Number);
  if (!year || !month || !day) return null;
  const at = new Date(year, month - 1, day).getTime();
  return Number.isNaN(at) ? null : at;
}

/** The period as [from, to) instants in the viewer's local days. */
export function periodRange(state: UsagePageState, now: number): { from: number; to: number } {
  const today = localMidnight(new Date(now));
  const tomorrow = localMidnight(new Date(today + DAY_MS * 1.5));
  if (state.period === "today") return { from: today, to: tomorrow };
  if (state.period === "30d") return { from: localMidnight(new Date(today - 29 * DAY_MS + DAY_MS / 2)), to: tomorrow };
  if (state.period === "custom") {
    const from = parseLocalDate(state.fromDate) ?? localMidnight(new Date(today - 6 * DAY_MS + DAY_MS / 2));
    const lastDay = parseLocalDate(state.toDate) ?? today;
    const to = localMidnight(new Date(Math.max(from, lastDay) + DAY_MS * 1.5));
    return { from, to: Math.min(to, from + MAX_RANGE_DAYS * DAY_MS) };
  }
  return { from: localMidnight(new Date(today - 6 * DAY_MS + DAY_MS / 2)), to: tomorrow };
}

/** The API's query string for a page state. */
export function usageApiParams(state: UsagePageState, now: number): URLSearchParams {
  const { from, to } = periodRange(state, now);
  const params = new URLSearchParams({
    from: String(from),
    to: String(to),
    tz: String(-new Date(now).getTimezoneOffset()),
  });
  if (state.label) params.set("label", state.label);
  if (state.action) params.set("action", state.action);
  if (state.tier) params.set("tier", String(state.tier));
  if (state.status) params.set("status", state.status);
  return params;
}

/** "YYYY-MM-DD" of a day number counted from the epoch in the viewer's offset. */
export function dayKey(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export { DAY_MS };
