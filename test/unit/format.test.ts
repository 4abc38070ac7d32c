import { describe, expect, it } from "vitest";

import { formatMoney, formatNumber } from "@/lib/format/number";
import { formatLocalTime } from "@/lib/tasks/format-time";

/**
 * Intl's answer for "en", which formatNumber stands in for without loading Intl in the browser;
 * but a negative that rounds to nothing is "0", not Intl's "-0".
 */
const intl = (value: number, maximumFractionDigits: number, minimumFractionDigits = 0) =>
  new Intl.NumberFormat("en", { maximumFractionDigits, minimumFractionDigits })
    .format(value)
    .replace(/^-(?=[0.]+$)/, "");

describe("numbers for people, without Intl", () => {
  it("groups thousands and drops trailing zeros as Intl's English does", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(1000)).toBe("1,000");
    expect(formatNumber(20_000)).toBe("20,000");
    expect(formatNumber(1_234_567.891, { maximumFractionDigits: 1 })).toBe("1,234,567.9");
    expect(formatNumber(4.0, { maximumFractionDigits: 1 })).toBe("4");
    expect(formatNumber(-1234.5)).toBe("-1,235");
    expect(formatNumber(-0.01)).toBe("0");
    expect(formatNumber(3, { maximumFractionDigits: 2, minimumFractionDigits: 2 })).toBe("3.00");
  });

  it("rounds half up on the decimal a person reads, not on the binary value", () => {
    expect(formatNumber(0.15, { maximumFractionDigits: 1 })).toBe("0.2");
    expect(formatNumber(1.005, { maximumFractionDigits: 2 })).toBe("1.01");
    expect(formatNumber(9.96, { maximumFractionDigits: 1 })).toBe("10");
    expect(formatNumber(999.5)).toBe("1,000");
  });

  it("agrees with Intl's English on thousands of values", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let index = 0; index < 5000; index += 1) {
      const magnitude = 10 ** Math.floor(random() * 10 - 3);
      const value = (random() - 0.2) * magnitude;
      const rounded = Math.round(value * 1000) / 1000;
      for (const [max, min] of [
        [0, 0],
        [1, 0],
        [2, 2],
      ] as const) {
        expect(formatNumber(value, { maximumFractionDigits: max, minimumFractionDigits: min })).toBe(
          intl(value, max, min),
        );
        expect(formatNumber(rounded, { maximumFractionDigits: max, minimumFractionDigits: min })).toBe(
          intl(rounded, max, min),
        );
      }
    }
  });

  it("writes money as English does, and unknown currencies by their code", () => {
    expect(formatMoney(12.5, "USD")).toBe("$12.50");
    expect(formatMoney(0.5, "CNY")).toBe("CN¥0.50");
    expect(formatMoney(1234.567, "EUR")).toBe("€1,234.57");
    expect(formatMoney(1200, "JPY")).toBe("¥1,200");
    expect(formatMoney(-3, "GBP")).toBe("-£3.00");
    for (const [amount, currency] of [
      [12.5, "USD"],
      [0.5, "CNY"],
      [1234.567, "EUR"],
      [1200.4, "JPY"],
      [1200.4, "KRW"],
      [7.25, "INR"],
      [99.999, "HKD"],
      [12.5, "CHF"],
      [12.5, "SEK"],
    ] as const) {
      expect(formatMoney(amount, currency)).toBe(
        new Intl.NumberFormat("en", { style: "currency", currency }).format(amount),
      );
    }
  });

  it("agrees with Intl on every currency it knows (PADDOCK_CURRENCY takes any ISO 4217 code)", () => {
    for (const currency of Intl.supportedValuesOf("currency")) {
      for (const amount of [0, 0.5, 12.345, 1234.5678, -3.2]) {
        const expected = new Intl.NumberFormat("en", { style: "currency", currency }).format(amount);
        expect(formatMoney(amount, currency), currency).toBe(expected);
      }
    }
  });

  it("writes the digits of numbers too large for a decimal point", () => {
    expect(formatNumber(1e21)).toBe(intl(1e21, 0));
    expect(formatNumber(1.5e21, { maximumFractionDigits: 1 })).toBe(intl(1.5e21, 1));
    expect(formatNumber(-2.5e22)).toBe(intl(-2.5e22, 0));
    expect(formatNumber(1e-7, { maximumFractionDigits: 2 })).toBe("0");
  });
});

describe("local time without Intl", () => {
  // Vitest runs in the machine's zone: the expected text is built from the same Date getters'
  // independent reading, the offset from getTimezoneOffset.
  const at = Date.UTC(2026, 11, 6, 14, 5, 9, 42);
  const date = new Date(at);
  const east = -date.getTimezoneOffset();
  const zone =
    east === 0
      ? "UTC"
      : `UTC${east > 0 ? "+" : "-"}${Math.floor(Math.abs(east) / 60)}${Math.abs(east) % 60 ? `:${String(Math.abs(east) % 60).padStart(2, "0")}` : ""}`;

  it("says the month, the day, a 24-hour time and the zone's offset from UTC", () => {
    const text = formatLocalTime(at);
    expect(text).toMatch(/^[A-Z][a-z]{2} \d{1,2}, 2026, \d{2}:\d{2}:09\.042 UTC([+-]\d{1,2}(:\d{2})?)?$/);
    expect(text.endsWith(` ${zone}`)).toBe(true);
    expect(formatLocalTime(at, false)).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2}:09 UTC/);
  });

  it("names a zone by its offset, half hours included", () => {
    const offsets = [
      [0, "UTC"],
      [-480, "UTC+8"],
      [300, "UTC-5"],
      [-330, "UTC+5:30"],
      [570, "UTC-9:30"],
    ] as const;
    for (const [offset, name] of offsets) {
      const original = Date.prototype.getTimezoneOffset;
      Date.prototype.getTimezoneOffset = () => offset;
      try {
        expect(formatLocalTime(at)).toMatch(new RegExp(` ${name.replace("+", "\\+")}$`));
      } finally {
        Date.prototype.getTimezoneOffset = original;
      }
    }
  });
});
