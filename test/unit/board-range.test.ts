import { describe, expect, it } from "vitest";

import { localDayStart, rangeStart } from "@/lib/tasks/board-query";
import { boardQueryOf, type BoardUrlState } from "@/lib/tasks/board-url";

const STATE: BoardUrlState = {
  status: "all",
  action: null,
  category: null,
  label: null,
  q: "",
  sort: "newest",
  order: null,
  range: "all",
  start: null,
  end: null,
  view: "cards",
};

describe("the board's time range", () => {
  it("starts at a local midnight: today, 6 or 29 days before it, or nowhere", () => {
    const now = new Date(2026, 11, 1, 15, 42, 7).getTime();
    expect(rangeStart("all", now)).toBeNull();
    expect(rangeStart("today", now)).toBe(new Date(2026, 11, 1).getTime());
    expect(rangeStart("7d", now)).toBe(new Date(2026, 10, 25).getTime());
    expect(rangeStart("30d", now)).toBe(new Date(2026, 10, 2).getTime());
  });

  it("gives the same query all day long, so polls keep one cache key", () => {
    const morning = boardQueryOf({ ...STATE, range: "7d" }, new Date(2026, 11, 1, 0, 0, 1).getTime());
    const evening = boardQueryOf({ ...STATE, range: "7d" }, new Date(2026, 11, 1, 23, 59, 59).getTime());
    expect(morning).toEqual(evening);
    expect(morning.to).toBeNull();
  });

  it("keeps the failures view on failed tasks within the range", () => {
    const query = boardQueryOf({ ...STATE, view: "failures", range: "today" }, new Date(2026, 11, 1, 9).getTime());
    expect(query).toMatchObject({ status: "failed", from: new Date(2026, 11, 1).getTime() });
  });

  it("runs custom days from the first day's midnight to the midnight after the last, and ignores what is not a day", () => {
    const query = boardQueryOf({ ...STATE, range: "custom", start: "2026-11-03", end: "2026-11-05" });
    expect(query).toMatchObject({ from: new Date(2026, 10, 3).getTime(), to: new Date(2026, 10, 6).getTime() });
    expect(boardQueryOf({ ...STATE, range: "custom", start: "2026-11-03", end: null })).toMatchObject({
      from: new Date(2026, 10, 3).getTime(),
      to: null,
    });
    expect(localDayStart("2026-13-45x")).toBeNull();
    expect(localDayStart("2026-02-30")).toBeNull();
    expect(rangeStart("custom", Date.now())).toBeNull();
  });
});
