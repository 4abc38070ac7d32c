import { createLoader, createSerializer } from "nuqs/server";
import { describe, expect, it } from "vitest";

import { csvField, csvRow, isoTime } from "@/lib/usage/csv";
import { periodRange, usageApiParams } from "@/lib/usage/usage-query";
import { type UsagePageState, usageSearchParams } from "@/lib/usage/usage-url";

const readUsagePageState = createLoader(usageSearchParams);
const serialize = createSerializer(usageSearchParams);

const base: UsagePageState = {
  period: "7d",
  from: null,
  to: null,
  label: null,
  action: null,
  tier: null,
  status: null,
};
// Tests run with the machine's zone; the ranges are checked in local days, whatever it is.
const NOW = new Date(2026, 10, 28, 15, 30).getTime();
const local = (y: number, m: number, d: number) => new Date(y, m - 1, d).getTime();

describe("periods", () => {
  it("resolves today, 7 and 30 days as whole local days ending tomorrow at midnight", () => {
    expect(periodRange({ ...base, period: "today" }, NOW)).toEqual({
      from: local(2026, 11, 28),
      to: local(2026, 11, 29),
    });
    expect(periodRange(base, NOW)).toEqual({ from: local(2026, 11, 22), to: local(2026, 11, 29) });
    expect(periodRange({ ...base, period: "30d" }, NOW)).toEqual({
      from: local(2026, 10, 30),
      to: local(2026, 11, 29),
    });
  });
  it("takes a custom range inclusive of its last day, capped at 366 days", () => {
    expect(periodRange({ ...base, period: "custom", from: "2026-11-01", to: "2026-11-03" }, NOW)).toEqual({
      from: local(2026, 11, 1),
      to: local(2026, 11, 4),
    });
    const long = periodRange({ ...base, period: "custom", from: "2020-01-01", to: "2026-11-03" }, NOW);
    expect(long.to - long.from).toBeLessThanOrEqual(366 * 86_400_000);
  });
  it("sends the resolved instants and the viewer's offset to the API", () => {
    const params = usageApiParams({ ...base, label: "Ada", tier: 1080 }, NOW);
    expect(params.get("from")).toBe(String(local(2026, 11, 22)));
    expect(params.get("tz")).toBe(String(-new Date(NOW).getTimezoneOffset()));
    expect(params.get("label")).toBe("Ada");
    expect(params.get("tier")).toBe("1080");
  });
});

describe("the page state in the URL", () => {
  it("round-trips and drops what it does not know", () => {
    const state: UsagePageState = {
      period: "custom",
      from: "2026-11-01",
      to: "2026-11-07",
      label: "Spring campaign",
      action: "omniGenerate",
      tier: 720,
      status: "failed",
    };
    expect(readUsagePageState(new URLSearchParams(serialize(state)))).toEqual(state);
    expect(serialize(base)).toBe("");
    expect(
      readUsagePageState(new URLSearchParams("period=forever&tier=480&status=odd&from=yesterday&action=../x")),
    ).toEqual(base);
  });
});

describe("CSV fields", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rlf", '"cr\rlf"'],
    ["一只猫在草地上奔跑", "一只猫在草地上奔跑"],
    ["=SUM(A1)", `"'=SUM(A1)"`],
    ["+1", `"'+1"`],
    ["@cmd", `"'@cmd"`],
    // Spreadsheets skip leading white space before a formula, so the guard does too.
    ['  =HYPERLINK("http://x")', `"'  =HYPERLINK(""http://x"")"`],
    [" -2+3", `"' -2+3"`],
    ["\u00A0@SUM(1)", `"'\u00A0@SUM(1)"`],
    ["\tanything", `"'\tanything"`],
    ["\uFF1D1+1", `"'\uFF1D1+1"`],
    ["a = b", "a = b"],
  ])("%j → %s", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
  it("writes numbers, empties and rows", () => {
    expect(csvField(-5)).toBe("-5");
    expect(csvField(null)).toBe("");
    expect(csvRow(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n');
    expect(isoTime(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(isoTime(null)).toBe("");
  });
});
