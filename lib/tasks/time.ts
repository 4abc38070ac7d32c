/** Time math shared by the server and the browser. All instants are epoch milliseconds. */

const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;
const UPSTREAM_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * DashScope phase strings ("2026-04-28 10:37:42.625") carry no zone: they are China Standard
 * Time (UTC+8). Returns epoch ms, or null for anything that is not such a string.
 */
export function parseUpstreamTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const match = UPSTREAM_TIME_PATTERN.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = "0"] = match;
  const millis = Number(fraction.padEnd(3, "0"));
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    millis,
  );
  return Number.isNaN(utc) ? null : utc - CHINA_STANDARD_TIME_OFFSET_MS;
}

/** Platform times are unix seconds, 0 (or absent) until reached. */
export function fromUnixSeconds(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return null;
  return value * 1000;
}

/** `later - earlier`, or null when either end is unknown or the clocks run backwards. */
export function span(earlier: number | null, later: number | null): number | null {
  if (earlier === null || later === null) return null;
  const ms = later - earlier;
  return ms >= 0 ? ms : null;
}

/** "27 ms", "81.5 s", "4 min 12 s", "2 h 5 min", "1 d 3 h". */
export function formatDuration(ms: number): string {
  if (ms <= 0) return "0 s";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  // Under 100 s the tenths still matter to people comparing generation times.
  if (seconds < 100) {
    const rounded = Math.round(seconds * 10) / 10;
    return `${rounded % 1 === 0 ? rounded.toFixed(0) : rounded.toFixed(1)} s`;
  }
  const totalSeconds = Math.round(seconds);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) {
    const rest = totalSeconds % 60;
    return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0 ? `${days} d` : `${days} d ${rest} h`;
}

/** A running clock in whole seconds, so a ticking label does not flicker tenths. */
export function formatClock(ms: number): string {
  return formatDuration(Math.floor(ms / 1000) * 1000);
}

/** "just now", "12 s ago", "3 min ago". */
export function formatAge(ms: number): string {
  if (ms < 2000) return "just now";
  return `${formatClock(ms)} ago`;
}
