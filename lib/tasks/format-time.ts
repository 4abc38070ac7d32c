/** Instants for people: the viewer's local time with its zone; UTC for hover titles. */

const LOCAL = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  fractionalSecondDigits: 3,
  timeZoneName: "short",
});

const LOCAL_SHORT = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "short",
});

export function formatLocalTime(at: number, precise = true): string {
  return (precise ? LOCAL : LOCAL_SHORT).format(at);
}

export function formatUtc(at: number): string {
  return `${new Date(at).toISOString().replace("T", " ").replace("Z", "")} UTC`;
}
