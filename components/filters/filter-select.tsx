import { NativeSelect } from "@/components/ui/native-select";
import { actionLabel } from "@/lib/tasks/status";

interface FilterSelectProps {
  label: string;
  allLabel: string;
  value: string | null;
  options: readonly string[];
  format?: (value: string) => string;
  onChange: (value: string | null) => void;
}

/** A filter over known values; a value from the URL that is not among them still shows as chosen. */
export function FilterSelect({ label, allLabel, value, options, format, onChange }: FilterSelectProps) {
  const choices = value && !options.includes(value) ? [...options, value] : options;
  return (
    <label>
      <span className="sr-only">{label}</span>
      <NativeSelect value={value ?? ""} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">{allLabel}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {format ? format(choice) : choice}
          </option>
        ))}
      </NativeSelect>
    </label>
  );
}

interface ValueFilterProps {
  value: string | null;
  options: readonly string[];
  onChange: (value: string | null) => void;
}

const kindLabel = (action: string) => actionLabel(action).label;

/** The kind of generation (generate, omniGenerate, …), shown by name. */
export function KindFilter(props: ValueFilterProps) {
  return <FilterSelect label="Kind of generation" allLabel="All kinds" format={kindLabel} {...props} />;
}

/** Who or what the tasks are for. */
export function LabelFilter(props: ValueFilterProps) {
  return <FilterSelect label="Label" allLabel="Every label" {...props} />;
}
