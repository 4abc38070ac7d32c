"use client";

import { FilterSelect } from "@/components/filter-select";
import { Input } from "@/components/ui/input";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { actionLabel, STATUS_GROUPS, type StatusGroup } from "@/lib/tasks/status";
import { type Period, PERIODS, TIERS } from "@/lib/usage/usage-query";
import type { UsagePageState } from "@/lib/usage/usage-url";

const PERIOD_LABELS = { today: "Today", "7d": "7 days", "30d": "30 days", custom: "Custom" } as const satisfies Record<
  Period,
  string
>;
const STATUS_LABELS = { active: "Active", succeeded: "Succeeded", failed: "Failed" } as const satisfies Record<
  StatusGroup,
  string
>;

interface UsageFiltersProps {
  state: UsagePageState;
  labels: string[];
  actions: string[];
  onChange: (next: Partial<UsagePageState>) => void;
}

export function UsageFilters({ state, labels, actions, onChange }: UsageFiltersProps) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SegmentedControl
        label="Period"
        options={PERIODS.map((period) => ({ value: period, label: PERIOD_LABELS[period] }))}
        value={state.period}
        onChange={(period) => onChange({ period })}
      />
      {state.period === "custom" ? (
        <div className="flex items-center gap-1 text-sm">
          <label className="sr-only" htmlFor="usage-from">
            From
          </label>
          <Input
            id="usage-from"
            type="date"
            className="w-40"
            value={state.from ?? ""}
            onChange={(event) => onChange({ from: event.target.value || null })}
          />
          <span aria-hidden="true">–</span>
          <label className="sr-only" htmlFor="usage-to">
            To
          </label>
          <Input
            id="usage-to"
            type="date"
            className="w-40"
            value={state.to ?? ""}
            onChange={(event) => onChange({ to: event.target.value || null })}
          />
        </div>
      ) : null}
      <FilterSelect
        label="Label"
        allLabel="Every label"
        value={state.label}
        options={labels}
        onChange={(label) => onChange({ label })}
      />
      <FilterSelect
        label="Kind of generation"
        allLabel="All kinds"
        value={state.action}
        options={actions}
        format={(action) => actionLabel(action).label}
        onChange={(action) => onChange({ action })}
      />
      <FilterSelect
        label="Resolution tier"
        allLabel="Every tier"
        value={state.tier === null ? null : String(state.tier)}
        options={TIERS.map(String)}
        format={(tier) => `${tier}p`}
        onChange={(tier) => onChange({ tier: TIERS.find((known) => String(known) === tier) ?? null })}
      />
      <FilterSelect
        label="Status"
        allLabel="Every status"
        value={state.status}
        options={STATUS_GROUPS}
        format={(group) => STATUS_LABELS[group as StatusGroup]}
        onChange={(status) => onChange({ status: STATUS_GROUPS.find((group) => group === status) ?? null })}
      />
    </div>
  );
}
