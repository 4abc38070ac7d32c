"use client";

import type * as React from "react";
import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from "recharts";

import {
  type ChartConfig,
  ChartContainer,
  ChartLegend,
  ChartLegendContent,
  ChartTooltip,
  ChartTooltipContent,
} from "@/components/ui/chart";
import { CHART_AREA, CHART_CAPTIONS, CHART_GRID, ChartFigure } from "@/components/usage/chart-figure";
import type { UsageDay } from "@/lib/api/usage-schemas";
import { formatNumber } from "@/lib/format/number";

const billedConfig = {
  billed720: { label: "720p", color: "var(--status-queued)" },
  billed1080: { label: "1080p", color: "var(--status-success)" },
  billedOther: { label: "Other", color: "var(--status-waiting)" },
} satisfies ChartConfig;

const failureConfig = {
  failurePercent: { label: "Failure rate", color: "var(--status-failure)" },
} satisfies ChartConfig;

const waitingConfig = {
  queueSeconds: { label: "Queue wait", color: "var(--status-queued)" },
  generationSeconds: { label: "Generation", color: "var(--status-running)" },
} satisfies ChartConfig;

const shortDay = (day: string) => day.slice(5);

type ChartRow = UsageDay & {
  failurePercent: number | null;
  queueSeconds: number | null;
  generationSeconds: number | null;
};

type LineKey = "failurePercent" | "queueSeconds" | "generationSeconds";

interface UsageChartsProps {
  days: UsageDay[];
}

/** Billed seconds per day by tier, failure rate per day, and average waits per day. */
export function UsageCharts({ days }: UsageChartsProps) {
  const rows: ChartRow[] = days.map((day) => ({
    ...day,
    failurePercent: day.failureRate === null ? null : Math.round(day.failureRate * 1000) / 10,
    queueSeconds: day.avgQueueWaitMs === null ? null : Math.round(day.avgQueueWaitMs / 100) / 10,
    generationSeconds: day.avgGenerationMs === null ? null : Math.round(day.avgGenerationMs / 100) / 10,
  }));
  const lineChart = (keys: LineKey[], unit: string, domain?: [number, number]) => (
    <LineChart data={rows} accessibilityLayer>
      <CartesianGrid vertical={false} />
      <XAxis dataKey="day" tickFormatter={shortDay} tickLine={false} axisLine={false} />
      <YAxis tickLine={false} axisLine={false} width={40} unit={unit} domain={domain} />
      <ChartTooltip content={<ChartTooltipContent formatter={(value) => `${value}${unit}`} />} />
      {keys.length > 1 ? <ChartLegend content={<ChartLegendContent />} /> : null}
      {keys.map((key) => (
        <Line
          key={key}
          dataKey={key}
          stroke={`var(--color-${key})`}
          strokeWidth={2}
          // A line needs two points; a lone day is drawn as a dot so it is not invisible.
          dot={rows.filter((row) => row[key] !== null).length <= 1 ? { r: 4, fill: `var(--color-${key})` } : false}
          connectNulls
        />
      ))}
    </LineChart>
  );
  return (
    <div className={CHART_GRID} data-testid="usage-charts">
      <ChartFrame caption={CHART_CAPTIONS[0]} config={billedConfig}>
        <BarChart data={rows} accessibilityLayer>
          <CartesianGrid vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tickLine={false} axisLine={false} />
          <YAxis tickLine={false} axisLine={false} width={40} />
          <ChartTooltip
            content={
              <ChartTooltipContent formatter={(value) => `${formatNumber(value, { maximumFractionDigits: 1 })} s`} />
            }
          />
          <ChartLegend content={<ChartLegendContent />} />
          <Bar dataKey="billed720" stackId="billed" fill="var(--color-billed720)" />
          <Bar dataKey="billed1080" stackId="billed" fill="var(--color-billed1080)" />
          <Bar dataKey="billedOther" stackId="billed" fill="var(--color-billedOther)" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ChartFrame>
      <ChartFrame caption={CHART_CAPTIONS[1]} config={failureConfig}>
        {lineChart(["failurePercent"], "%", [0, 100])}
      </ChartFrame>
      <ChartFrame caption={CHART_CAPTIONS[2]} config={waitingConfig}>
        {lineChart(["queueSeconds", "generationSeconds"], " s")}
      </ChartFrame>
    </div>
  );
}

interface ChartFrameProps {
  caption: string;
  config: ChartConfig;
  children: React.ComponentProps<typeof ChartContainer>["children"];
}

function ChartFrame({ caption, config, children }: ChartFrameProps) {
  return (
    <ChartFigure caption={caption}>
      <ChartContainer config={config} className={CHART_AREA}>
        {children}
      </ChartContainer>
    </ChartFigure>
  );
}
