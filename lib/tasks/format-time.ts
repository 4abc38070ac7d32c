/** Instants for people: the viewer's local time with its zone; UTC for hover titles. */

// Made on first use: building a DateTimeFormat costs milliseconds (its locale data), which would
// otherwise be paid by every page that merely imports this module, while it loads.
let local: Intl.DateTimeFormat | undefined;
let localShort: Intl.DateTimeFormat | undefined;

const LOCAL_OPTIONS: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  fractionalSecondDigits: 3,
  timeZoneName: "short",
};

const LOCAL_SHORT_OPTIONS: Intl.DateTimeFormatOptions = {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "short",
};

export function formatLocalTime(at: number, precise = true): string {
  const format = precise
    ? (local ??= new Intl.DateTimeFormat(undefined, LOCAL_OPTIONS))
    : (localShort ??= new Intl.DateTimeFormat(undefined, LOCAL_SHORT_OPTIONS));
  return format.format(at);
}

export function formatUtc(at: number, precise = true): string {
  const iso = new Date(at).toISOString();
  return `${(precise ? iso : iso.slice(0, 19)).replace("T", " ").replace("Z", "")} UTC`;
}
