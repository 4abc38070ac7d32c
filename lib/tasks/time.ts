/** Time math shared by the server and the browser. All instants are epoch milliseconds. */

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
