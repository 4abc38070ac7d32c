"use client";

import { useHydrated } from "@/components/hooks/use-hydrated";
import { formatLocalTime, formatUtc } from "@/lib/tasks/format-time";

interface LocalTimeProps {
  at: number;
  /** Milliseconds and the year (the inspector's timeline); else to the second. */
  precise?: boolean;
  className?: string;
}

/**
 * An instant in the viewer's time zone, UTC on hover. The server does not know the zone: its HTML,
 * and the render that hydrates it, say the time in UTC, and the browser puts the local time in once
 * the page is live. (Local time in the server's HTML would not match the browser's first
 * render, and React would then render the whole page again.)
 */
export function LocalTime({ at, precise = true, className }: LocalTimeProps) {
  const hydrated = useHydrated();
  return (
    <time dateTime={new Date(at).toISOString()} title={formatUtc(at)} className={className}>
      {hydrated ? formatLocalTime(at, precise) : formatUtc(at, precise)}
    </time>
  );
}
