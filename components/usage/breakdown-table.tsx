import { formatPercent, formatSeconds } from "@/components/usage/usage-numbers";
import type { UsageBucket } from "@/lib/api/usage-schemas";
import { cn } from "@/lib/utils";

interface BreakdownTableProps {
  title: string;
  buckets: UsageBucket[];
  keyLabel: (key: string | null) => string;
}

export function BreakdownTable({ title, buckets, keyLabel }: BreakdownTableProps) {
  return (
    <div className="overflow-x-auto rounded-xl border">
      <table className="w-full text-sm" data-testid={`breakdown-${title.toLowerCase().replace(/\W+/g, "-")}`}>
        <caption className="px-4 pt-3 text-left font-medium">{title}</caption>
        <thead className="text-xs text-muted-foreground">
          <tr className="border-b">
            {[title.replace(/^By /, ""), "Tasks", "Failed", "Failure rate", "Billed"].map((heading, index, all) => (
              <th
                key={heading}
                scope="col"
                className={cn(
                  "py-2 font-normal",
                  index === 0 ? "px-4 text-left" : "text-right",
                  index === all.length - 1 ? "px-4" : index > 0 && "px-2",
                )}
              >
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {buckets.length === 0 ? (
            <tr>
              <td colSpan={5} className="px-4 py-3 text-muted-foreground">
                Nothing in this period.
              </td>
            </tr>
          ) : (
            buckets.map((bucket) => (
              <tr key={bucket.key ?? "(none)"} className="border-b last:border-0">
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  {keyLabel(bucket.key)}
                </th>
                <td className="px-2 py-2 text-right tabular-nums">{bucket.tasks}</td>
                <td className="px-2 py-2 text-right tabular-nums">{bucket.failed}</td>
                <td className="px-2 py-2 text-right tabular-nums">
                  {formatPercent(
                    bucket.failed + bucket.succeeded > 0 ? bucket.failed / (bucket.failed + bucket.succeeded) : null,
                  )}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{formatSeconds(bucket.billedSeconds)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
