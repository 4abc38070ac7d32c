/**
 * Instants for people: the viewer's local time with its offset from UTC; UTC for hover titles.
 *
 * Written from the Date's own local fields, not with Intl.DateTimeFormat: the first Intl call a
 * page makes costs tens of milliseconds of one main-thread task while it loads (see
 * lib/format/number.ts), and the inspector shows times as soon as it hydrates. Every word on the
 * page is English, so the month is too; the clock is 24-hour, as the platform's own phase strings.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** "UTC", "UTC+8", "UTC-5", "UTC+5:30": the viewer's offset at that instant (summer time included). */
function zoneName(date: Date): string {
  const east = -date.getTimezoneOffset();
  if (east === 0) return "UTC";
  const minutes = Math.abs(east);
  const rest = minutes % 60;
  return `UTC${east > 0 ? "+" : "-"}${Math.floor(minutes / 60)}${rest ? `:${pad(rest)}` : ""}`;
}

/** "Dec 6, 2026, 22:05:09.042 UTC+8"; short: "Dec 6, 22:05:09 UTC+8". */
export function formatLocalTime(at: number, precise = true): string {
  const date = new Date(at);
  const day = `${MONTHS[date.getMonth()]} ${date.getDate()}${precise ? `, ${date.getFullYear()}` : ""}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const millis = precise ? `.${pad(date.getMilliseconds(), 3)}` : "";
  return `${day}, ${time}${millis} ${zoneName(date)}`;
}

export function formatUtc(at: number, precise = true): string {
  const iso = new Date(at).toISOString();
  return `${(precise ? iso : iso.slice(0, 19)).replace("T", " ").replace("Z", "")} UTC`;
}
