"use client";

import { FilterSelect, KindFilter, LabelFilter } from "@/components/filters/filter-select";
import { PeriodFilter } from "@/components/filters/period-filter";
import { STATUS_GROUPS, type StatusGroup } from "@/lib/tasks/status";
import { TIERS } from "@/lib/usage/usage-query";
import type { UsagePageState } from "@/lib/usage/usage-url";

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
      <PeriodFilter value={state} onChange={onChange} />
      <LabelFilter value={state.label} options={labels} onChange={(label) => onChange({ label })} />
      <KindFilter value={state.action} options={actions} onChange={(action) => onChange({ action })} />
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
