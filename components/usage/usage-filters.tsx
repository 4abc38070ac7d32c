"use client";

import { Input } from "@/components/ui/input";
import { actionLabel, STATUS_GROUPS } from "@/lib/tasks/status";
import { PERIODS, TIERS, type Period, type UsagePageState } from "@/lib/usage/usage-query";
import { cn } from "@/lib/utils";

const PERIOD_LABELS = { today: "Today", "7d": "7 days", "30d": "30 days", custom: "Custom" } as const satisfies Record<
  Period,
  string
>;
const STATUS_LABELS = { active: "Active", succeeded: "Succeeded", failed: "Failed" } as const;
const selectClass =
  "h-9 rounded-md border border-input bg-background px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/30";

interface UsageFiltersProps {
  state: UsagePageState;
  labels: string[];
  actions: string[];
  onChange: (next: Partial<UsagePageState>) => void;
}

export function UsageFilters({ state, labels, actions, onChange }: UsageFiltersProps) {
  const withCurrent = (values: string[], current: string | null) =>
    current && !values.includes(current) ? [...values, current] : values;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label="Period" className="inline-flex w-fit rounded-lg border bg-muted p-0.5">
        {PERIODS.map((period) => (
          <button
            key={period}
            type="button"
            aria-pressed={state.period === period}
            onClick={() => onChange({ period })}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
              state.period === period && "bg-background text-foreground shadow-sm",
            )}
          >
            {PERIOD_LABELS[period]}
          </button>
        ))}
      </div>
      {state.period === "custom" ? (
        <div className="flex items-center gap-1 text-sm">
          <label className="sr-only" htmlFor="usage-from">
            From
          </label>
          <Input
            id="usage-from"
            type="date"
            className="w-40"
            value={state.fromDate ?? ""}
            onChange={(e) => onChange({ fromDate: e.target.value || null })}
          />
          <span aria-hidden="true">–</span>
          <label className="sr-only" htmlFor="usage-to">
            To
          </label>
          <Input
            id="usage-to"
            type="date"
            className="w-40"
            value={state.toDate ?? ""}
            onChange={(e) => onChange({ toDate: e.target.value || null })}
          />
        </div>
      ) : null}
      <label>
        <span className="sr-only">Label</span>
        <select
          className={selectClass}
          value={state.label ?? ""}
          onChange={(e) => onChange({ label: e.target.value || null })}
        >
          <option value="">Every label</option>
          {withCurrent(labels, state.label).map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">Kind of generation</span>
        <select
          className={selectClass}
          value={state.action ?? ""}
          onChange={(e) => onChange({ action: e.target.value || null })}
        >
          <option value="">All kinds</option>
          {withCurrent(actions, state.action).map((action) => (
            <option key={action} value={action}>
              {actionLabel(action).label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">Resolution tier</span>
        <select
          className={selectClass}
          value={state.tier ?? ""}
          onChange={(e) => onChange({ tier: TIERS.find((tier) => String(tier) === e.target.value) ?? null })}
        >
          <option value="">Every tier</option>
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {tier}p
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">Status</span>
        <select
          className={selectClass}
          value={state.status ?? ""}
          onChange={(e) => onChange({ status: STATUS_GROUPS.find((group) => group === e.target.value) ?? null })}
        >
          <option value="">Every status</option>
          {STATUS_GROUPS.map((group) => (
            <option key={group} value={group}>
              {STATUS_LABELS[group]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
