"use client";

import dynamic from "next/dynamic";

import { Skeleton } from "@/components/ui/skeleton";
import { CHART_AREA, CHART_CAPTIONS, CHART_GRID, ChartFigure } from "@/components/usage/chart-figure";

/**
 * The usage charts, loaded after the page's first paint: recharts is most of the usage page's
 * JavaScript, and the numbers and tables above and below the charts need none of it. Until the
 * chart code arrives each chart's frame shows its caption over a placeholder of the chart's own
 * height, so nothing moves when the charts replace it. Browser only (the charts measure their box).
 */
export const LazyUsageCharts = dynamic(
  () => import("@/components/usage/usage-charts").then((module) => module.UsageCharts),
  { ssr: false, loading: UsageChartsSkeleton },
);

function UsageChartsSkeleton() {
  return (
    <div className={CHART_GRID} aria-busy="true" aria-label="Loading the charts" data-testid="usage-charts-loading">
      {CHART_CAPTIONS.map((caption) => (
        <ChartFigure key={caption} caption={caption}>
          <Skeleton className={CHART_AREA} />
        </ChartFigure>
      ))}
    </div>
  );
}
