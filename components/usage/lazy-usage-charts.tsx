"use client";

import dynamic from "next/dynamic";
import type * as React from "react";
import { useEffect, useRef, useState } from "react";

import { Skeleton } from "@/components/ui/skeleton";
import { CHART_AREA, CHART_CAPTIONS, CHART_GRID, ChartFigure } from "@/components/usage/chart-figure";

/**
 * The usage charts, loaded once their place on the page comes on screen: recharts is most
 * of the usage page's JavaScript and drawing the charts is most of its work, while the numbers
 * and tables above and below them need none of it. Until then each chart's frame shows its caption
 * over a placeholder of the chart's own height, so nothing moves when the charts replace it.
 * Browser only (the charts measure their box).
 */
const UsageCharts = dynamic(() => import("@/components/usage/usage-charts").then((module) => module.UsageCharts), {
  ssr: false,
  loading: () => <UsageChartsSkeleton />,
});

export function LazyUsageCharts(props: React.ComponentProps<typeof UsageCharts>) {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (seen || !element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setSeen(true);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen]);
  return seen ? <UsageCharts {...props} /> : <UsageChartsSkeleton ref={ref} />;
}

function UsageChartsSkeleton({ ref }: { ref?: React.Ref<HTMLDivElement> }) {
  return (
    <div
      ref={ref}
      className={CHART_GRID}
      aria-busy="true"
      aria-label="Loading the charts"
      data-testid="usage-charts-loading"
    >
      {CHART_CAPTIONS.map((caption) => (
        <ChartFigure key={caption} caption={caption}>
          <Skeleton className={CHART_AREA} />
        </ChartFigure>
      ))}
    </div>
  );
}
