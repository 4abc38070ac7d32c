/**
 * Loose values as gateways send them: numbers as strings or floats, unix times in seconds or
 * milliseconds, progress as "50%" or 50, DashScope phase strings in China Standard Time.
 */

/** A finite number from a number or a numeric string; null for anything else. */
export function looseNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || !/^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return null;
  return Number(value);
}

/** Trimmed text, or null when empty or not text (numbers are kept as their digits). */
export function looseText(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

const MS_THRESHOLD = 1e12;
/** Instants a gateway can plausibly report: from 2000 to 2100. */
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const LATEST_MS = Date.UTC(2100, 0, 1);

/**
 * A unix time in seconds or milliseconds (above 10^12 it is milliseconds) as epoch ms. 0 and
 * absent mean "not reached yet"; a value outside 2000-2100 is not a time and reads as null.
 */
export function epochMs(value: unknown): number | null {
  const number = looseNumber(value);
  if (number === null || number <= 0) return null;
  const ms = number > MS_THRESHOLD ? number : number * 1000;
  return ms >= EARLIEST_MS && ms < LATEST_MS ? Math.round(ms) : null;
}

const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;
const UPSTREAM_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * DashScope phase strings ("2026-04-28 10:37:42.625") carry no zone: they are China Standard
 * Time (UTC+8). Returns epoch ms, or null for anything that is not such a string.
 */
export function chinaTimeMs(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = UPSTREAM_TIME_PATTERN.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = "0"] = match;
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Number(fraction.padEnd(3, "0")),
  );
  if (Number.isNaN(utc)) return null;
  const ms = utc - CHINA_STANDARD_TIME_OFFSET_MS;
  return ms >= EARLIEST_MS && ms < LATEST_MS ? ms : null;
}

/** "50%", "50", 50 or 0.5-style decimals above 1 → 0-100; "", "n/a" and out-of-range values → null. */
export function progressPercent(value: unknown): number | null {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
  const match = /^\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*$/.exec(text);
  if (!match) return null;
  const percent = Number(match[1]);
  return percent >= 0 && percent <= 100 ? percent : null;
}

/** A plain JSON object, or null. */
export function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
