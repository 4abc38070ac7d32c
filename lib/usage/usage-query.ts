import { z } from "zod/mini";

import { actionSchema, labelFilterSchema } from "@/lib/tasks/board-query";
import { STATUS_GROUPS } from "@/lib/tasks/status";
import type { UsagePageState } from "@/lib/usage/usage-url";

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

const MAX_RANGE_MS = MAX_RANGE_DAYS * DAY_MS;

/** Without `from` and `to`, the API answers the last 7 days. */
export const DEFAULT_PERIOD_MS = 7 * DAY_MS;

/** What `GET /api/usage` and its exports accept: instants in epoch ms and the viewer's UTC offset. */
export const usageQuerySchema = z
  .pipe(
    z.object({
      from: z.optional(z.coerce.number().check(z.int(), z.nonnegative())),
      to: z.optional(z.coerce.number().check(z.int(), z.positive())),
      /** Minutes to add to UTC for the viewer's local time (UTC+8 is 480). */
      tz: z._default(z.coerce.number().check(z.int(), z.minimum(-840), z.maximum(840)), 0),
      label: z._default(z.nullable(labelFilterSchema), null),
      action: z._default(z.nullable(actionSchema), null),
      tier: z._default(z.nullable(z.coerce.number().check(z.refine(isTier, "tier is 720 or 1080"))), null),
      status: z._default(z.nullable(z.enum(STATUS_GROUPS)), null),
    }),
    z.transform(({ from, to, tz, tier, ...rest }) => {
      const end = to ?? Date.now();
      return {
        ...rest,
        from: from ?? end - DEFAULT_PERIOD_MS,
        to: end,
        tzOffsetMinutes: tz,
        tier: tier as Tier | null,
      };
    }),
  )
  .check(
    z.refine((query) => query.to > query.from, { message: "to must be after from", path: ["to"] }),
    z.refine((query) => query.to - query.from <= MAX_RANGE_MS, {
      message: `A period spans at most ${MAX_RANGE_DAYS} days`,
      path: ["to"],
    }),
  );

export type UsageQuery = z.output<typeof usageQuerySchema>;
export type UsageFilters = Pick<UsageQuery, "label" | "action" | "tier" | "status">;

function isTier(value: number): value is Tier {
  return TIERS.some((tier) => tier === value);
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
    const from = parseLocalDate(state.from) ?? localMidnight(new Date(today - 6 * DAY_MS + DAY_MS / 2));
    const lastDay = parseLocalDate(state.to) ?? today;
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
