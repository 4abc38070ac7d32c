import type * as React from "react";

import type { UsageResponse } from "@/lib/api/usage-schemas";
import { formatMoney, formatNumber } from "@/lib/format/number";
import { formatBytes } from "@/lib/tasks/bytes";
import { formatDuration } from "@/lib/tasks/time";

export const formatSeconds = (seconds: number) => `${formatNumber(seconds, { maximumFractionDigits: 1 })} s`;
export const formatPercent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

interface StatProps {
  label: string;
  value: React.ReactNode;
  hint?: React.ReactNode;
  testId?: string;
}

function Stat({ label, value, hint, testId }: StatProps) {
  return (
    <div className="flex flex-col gap-1 rounded-xl border bg-card p-4" data-testid={testId}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-muted-foreground">{hint}</dd> : null}
    </div>
  );
}

interface UsageNumbersProps {
  usage: UsageResponse;
}

/** The headline numbers a team lead reads first. */
export function UsageNumbers({ usage }: UsageNumbersProps) {
  const { totals, cost, waiting } = usage;
  const money = (amount: number) => (cost ? formatMoney(amount, cost.currency) : "");
  const spread = (value: UsageResponse["waiting"]["queueWait"]) =>
    value.count === 0 ? "—" : `${formatDuration(value.medianMs ?? 0)} · p95 ${formatDuration(value.p95Ms ?? 0)}`;
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6">
      <Stat
        label="Tasks"
        value={formatNumber(totals.tasks)}
        hint={`${totals.active} still active`}
        testId="stat-tasks"
      />
      <Stat label="Succeeded" value={formatNumber(totals.succeeded)} testId="stat-succeeded" />
      <Stat
        label="Failed (refunded)"
        value={formatNumber(totals.failed)}
        hint={`Failure rate ${formatPercent(totals.failureRate)}`}
        testId="stat-failed"
      />
      <Stat
        label="Billed seconds"
        value={formatSeconds(totals.billedSeconds)}
        hint={`720p ${formatSeconds(totals.billedByTier["720"])} · 1080p ${formatSeconds(totals.billedByTier["1080"])}`}
        testId="stat-billed"
      />
      <Stat
        label="Delivered seconds"
        value={formatSeconds(totals.deliveredSeconds)}
        hint={`Video-edit input ${formatSeconds(totals.inputSeconds)}`}
      />
      {cost ? (
        <Stat
          label="Estimated cost"
          value={money(cost.total)}
          hint={`720p ${money(cost.byTier["720"])} · 1080p ${money(cost.byTier["1080"])}`}
          testId="stat-cost"
        />
      ) : (
        <Stat label="Estimated cost" value="—" hint="Set a price per second per tier to see one." testId="stat-cost" />
      )}
      <Stat
        label="Queue wait (median · p95)"
        value={<span className="text-sm">{spread(waiting.queueWait)}</span>}
        hint={`${waiting.queueWait.count} tasks`}
      />
      <Stat
        label="Generation (median · p95)"
        value={<span className="text-sm">{spread(waiting.generation)}</span>}
        hint={`${waiting.generation.count} tasks`}
      />
      {usage.archive ? (
        <Stat
          label="Video archive (all time)"
          value={formatBytes(usage.archive.bytes)}
          hint={[
            `${formatNumber(usage.archive.files)} saved video${usage.archive.files === 1 ? "" : "s"}`,
            usage.archive.maxBytes !== null ? `cap ${formatBytes(usage.archive.maxBytes)}` : null,
            usage.archive.keepDays !== null ? `kept ${usage.archive.keepDays} days` : null,
          ]
            .filter(Boolean)
            .join(" · ")}
          testId="stat-archive"
        />
      ) : null}
    </dl>
  );
}
