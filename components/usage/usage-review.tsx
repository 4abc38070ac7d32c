"use client";

import { useQuery } from "@tanstack/react-query";
import { DownloadIcon, InboxIcon, ServerCrashIcon, WifiOffIcon } from "lucide-react";
import Link from "next/link";
import { useQueryStates } from "nuqs";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Empty, EmptyContent, EmptyDescription, EmptyHeader, EmptyMedia, EmptyTitle } from "@/components/ui/empty";
import { Skeleton } from "@/components/ui/skeleton";
import { BreakdownTable } from "@/components/usage/breakdown-table";
import { LazyUsageCharts } from "@/components/usage/lazy-usage-charts";
import { UsageFilters } from "@/components/usage/usage-filters";
import { UsageNumbers } from "@/components/usage/usage-numbers";
import { usageExportHref, usageQueryOptions } from "@/lib/api-client/usage";
import { boardQueryToParams, DEFAULT_BOARD_QUERY } from "@/lib/tasks/board-query";
import { FAILURE_CATEGORIES } from "@/lib/tasks/failure-category";
import { actionLabel } from "@/lib/tasks/status";
import { usageSearchParams } from "@/lib/usage/usage-url";

/** The team lead's page: what was generated, at what tier, for whom, and what failed. */
export function UsageReview() {
  const [state, setState] = useQueryStates(usageSearchParams, { history: "replace" });
  const usage = useQuery(usageQueryOptions(state));

  const data = usage.data;
  const failuresHref = (category: string) => {
    const params = boardQueryToParams({ ...DEFAULT_BOARD_QUERY, label: state.label, action: state.action });
    params.set("view", "failures");
    params.set("category", category);
    return `/?${params}`;
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <UsageFilters
          state={state}
          labels={data?.labels ?? []}
          actions={data?.actions ?? []}
          onChange={(next) => void setState(next)}
        />
        {data ? (
          <div className="flex gap-2">
            <Button asChild variant="outline" size="sm">
              <a href={usageExportHref(data, state, "tasks")} download data-testid="export-tasks">
                <DownloadIcon aria-hidden="true" /> Tasks CSV
              </a>
            </Button>
            <Button asChild variant="outline" size="sm">
              <a href={usageExportHref(data, state, "aggregates")} download data-testid="export-aggregates">
                <DownloadIcon aria-hidden="true" /> Aggregates CSV
              </a>
            </Button>
          </div>
        ) : null}
      </div>

      {usage.isPending ? (
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-busy="true" aria-label="Loading usage">
          {Array.from({ length: 8 }, (_, index) => (
            <Skeleton key={index} className="h-24" />
          ))}
        </div>
      ) : !data ? (
        <Empty role="alert">
          <EmptyHeader>
            <EmptyMedia variant="icon">
              <ServerCrashIcon />
            </EmptyMedia>
            <EmptyTitle>The usage could not be loaded</EmptyTitle>
            <EmptyDescription>{usage.error?.message ?? "Unknown error."}</EmptyDescription>
          </EmptyHeader>
          <EmptyContent>
            <Button onClick={() => void usage.refetch()}>Try again</Button>
          </EmptyContent>
        </Empty>
      ) : (
        <>
          {usage.error ? (
            <Alert variant="failure">
              <WifiOffIcon aria-hidden="true" />
              <AlertDescription>
                Could not refresh: {usage.error.message}. Showing the previous numbers.
              </AlertDescription>
            </Alert>
          ) : null}
          <UsageNumbers usage={data} />
          {state.tier !== null && data.totals.failedWithoutTier > 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="tier-note">
              Failed tasks report no resolution tier, so the {data.totals.failedWithoutTier} failed task
              {data.totals.failedWithoutTier === 1 ? "" : "s"} without one{" "}
              {data.totals.failedWithoutTier === 1 ? "is" : "are"} counted under every tier.
            </p>
          ) : null}
          {data.totals.tasks === 0 ? (
            <Empty>
              <EmptyHeader>
                <EmptyMedia variant="icon">
                  <InboxIcon />
                </EmptyMedia>
                <EmptyTitle>Nothing in this period</EmptyTitle>
                <EmptyDescription>No task was submitted in this period with these filters.</EmptyDescription>
              </EmptyHeader>
            </Empty>
          ) : null}
          <LazyUsageCharts days={data.byDay} />
          <section aria-labelledby="top-failures" className="flex flex-col gap-2">
            <h2 id="top-failures" className="font-semibold">
              Top failure categories
            </h2>
            {data.failures.length === 0 ? (
              <p className="text-sm text-muted-foreground">No failures in this period.</p>
            ) : (
              <ul className="flex flex-wrap gap-2" data-testid="top-failures">
                {data.failures.map((failure) => (
                  <li key={failure.category}>
                    <Link
                      href={failuresHref(failure.category)}
                      className="inline-flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm hover:bg-accent"
                    >
                      {FAILURE_CATEGORIES[failure.category].label}
                      <span className="font-semibold tabular-nums">{failure.count}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <BreakdownTable
              title="By day"
              buckets={[...data.byDay].reverse().map((day) => ({
                key: day.day,
                tasks: day.tasks,
                succeeded: day.succeeded,
                failed: day.failed,
                billedSeconds: day.billed720 + day.billed1080 + day.billedOther,
                deliveredSeconds: 0,
              }))}
              keyLabel={(key) => key ?? ""}
            />
            <BreakdownTable title="By label" buckets={data.byLabel} keyLabel={(key) => key ?? "No label"} />
            <BreakdownTable title="By kind" buckets={data.byAction} keyLabel={(key) => actionLabel(key).label} />
            <BreakdownTable
              title="By resolution tier"
              buckets={data.byTier}
              keyLabel={(key) => (key ? `${key}p` : "Not reported")}
            />
            <BreakdownTable title="By aspect ratio" buckets={data.byRatio} keyLabel={(key) => key ?? "Not reported"} />
          </div>
          <p className="text-xs text-muted-foreground">
            Periods follow the submit time in your time zone. Billed and delivered seconds count succeeded tasks; failed
            tasks are refunded by the platform.
          </p>
        </>
      )}
    </div>
  );
}
