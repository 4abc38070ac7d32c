import type * as React from "react";

/**
 * One chart's frame: its caption above a 14 rem high area. Shared by the charts and by the
 * skeleton shown while their code loads, so the page does not move when they arrive. It imports
 * no chart code.
 */

export const CHART_CAPTIONS = [
  "Billed seconds per day, by tier",
  "Failure rate per day",
  "Average queue wait and generation time per day",
] as const;

export function ChartFigure({ caption, children }: { caption: string; children: React.ReactNode }) {
  return (
    <figure className="flex flex-col gap-2 rounded-xl border p-4">
      <figcaption className="text-sm font-medium">{caption}</figcaption>
      {children}
    </figure>
  );
}

/** The charts' grid: one column, three from the xl breakpoint. */
export const CHART_GRID = "grid grid-cols-1 gap-4 xl:grid-cols-3";

/** The height of a chart's area, for the chart and its placeholder alike. */
export const CHART_AREA = "h-56 w-full";
