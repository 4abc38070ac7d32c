import { Input } from "@/components/ui/input";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { type Period, PERIODS } from "@/lib/usage/usage-query";

const PERIOD_LABELS = { today: "Today", "7d": "7 days", "30d": "30 days", custom: "Custom" } as const satisfies Record<
  Period,
  string
>;

export interface PeriodValue {
  period: Period;
  /** YYYY-MM-DD, inclusive, for the custom period. */
  from: string | null;
  to: string | null;
}

interface PeriodFilterProps {
  value: PeriodValue;
  onChange: (next: Partial<PeriodValue>) => void;
}

/** Today, 7 days, 30 days, or a custom range of local days. */
export function PeriodFilter({ value, onChange }: PeriodFilterProps) {
  return (
    <>
      <SegmentedControl
        label="Period"
        options={PERIODS.map((period) => ({ value: period, label: PERIOD_LABELS[period] }))}
        value={value.period}
        onChange={(period) => onChange({ period })}
      />
      {value.period === "custom" ? (
        <div className="flex items-center gap-1 text-sm">
          <DateInput label="From" value={value.from} onChange={(from) => onChange({ from })} />
          <span aria-hidden="true">–</span>
          <DateInput label="To" value={value.to} onChange={(to) => onChange({ to })} />
        </div>
      ) : null}
    </>
  );
}

interface DateInputProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
}

function DateInput({ label, value, onChange }: DateInputProps) {
  return (
    <label>
      <span className="sr-only">{label}</span>
      <Input
        type="date"
        className="w-40"
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value || null)}
      />
    </label>
  );
}
