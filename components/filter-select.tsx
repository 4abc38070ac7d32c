import { NativeSelect } from "@/components/ui/native-select";

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
