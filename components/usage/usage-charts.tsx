"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from "recharts";

import {
  type ChartConfig,
  ChartContainer,
  ChartLegend,
  ChartLegendContent,
  ChartTooltip,
  ChartTooltipContent,
} from "@/components/ui/chart";
import type { UsageDay } from "@/lib/api/usage-schemas";

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

interface UsageChartsProps {
  days: UsageDay[];
}

/** Billed seconds per day by tier, failure rate per day, and average waits per day. */
export function UsageCharts({ days }: UsageChartsProps) {
  const rows = days.map((day) => ({
    ...day,
    failurePercent: day.failureRate === null ? null : Math.round(day.failureRate * 1000) / 10,
    queueSeconds: day.avgQueueWaitMs === null ? null : Math.round(day.avgQueueWaitMs / 100) / 10,
    generationSeconds: day.avgGenerationMs === null ? null : Math.round(day.avgGenerationMs / 100) / 10,
  }));
  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-3" data-testid="usage-charts">
      <figure className="flex flex-col gap-2 rounded-xl border p-4">
        <figcaption className="text-sm font-medium">Billed seconds per day, by tier</figcaption>
        <ChartContainer config={billedConfig} className="h-56 w-full">
          <BarChart data={rows} accessibilityLayer>
            <CartesianGrid vertical={false} />
            <XAxis dataKey="day" tickFormatter={shortDay} tickLine={false} axisLine={false} />
            <YAxis tickLine={false} axisLine={false} width={40} />
            <ChartTooltip content={<ChartTooltipContent formatter={(value) => `${value.toLocaleString()} s`} />} />
            <ChartLegend content={<ChartLegendContent />} />
            <Bar dataKey="billed720" stackId="billed" fill="var(--color-billed720)" />
            <Bar dataKey="billed1080" stackId="billed" fill="var(--color-billed1080)" />
            <Bar dataKey="billedOther" stackId="billed" fill="var(--color-billedOther)" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ChartContainer>
      </figure>
      <figure className="flex flex-col gap-2 rounded-xl border p-4">
        <figcaption className="text-sm font-medium">Failure rate per day</figcaption>
        <ChartContainer config={failureConfig} className="h-56 w-full">
          <LineChart data={rows} accessibilityLayer>
            <CartesianGrid vertical={false} />
            <XAxis dataKey="day" tickFormatter={shortDay} tickLine={false} axisLine={false} />
            <YAxis tickLine={false} axisLine={false} width={40} unit="%" domain={[0, 100]} />
            <ChartTooltip content={<ChartTooltipContent formatter={(value) => `${value}%`} />} />
            <Line
              dataKey="failurePercent"
              stroke="var(--color-failurePercent)"
              strokeWidth={2}
              dot={false}
              connectNulls
            />
          </LineChart>
        </ChartContainer>
      </figure>
      <figure className="flex flex-col gap-2 rounded-xl border p-4">
        <figcaption className="text-sm font-medium">Average queue wait and generation time per day</figcaption>
        <ChartContainer config={waitingConfig} className="h-56 w-full">
          <LineChart data={rows} accessibilityLayer>
            <CartesianGrid vertical={false} />
            <XAxis dataKey="day" tickFormatter={shortDay} tickLine={false} axisLine={false} />
            <YAxis tickLine={false} axisLine={false} width={40} unit=" s" />
            <ChartTooltip content={<ChartTooltipContent formatter={(value) => `${value} s`} />} />
            <ChartLegend content={<ChartLegendContent />} />
            <Line dataKey="queueSeconds" stroke="var(--color-queueSeconds)" strokeWidth={2} dot={false} connectNulls />
            <Line
              dataKey="generationSeconds"
              stroke="var(--color-generationSeconds)"
              strokeWidth={2}
              dot={false}
              connectNulls
            />
          </LineChart>
        </ChartContainer>
      </figure>
    </div>
  );
}
