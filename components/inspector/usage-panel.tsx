import type { TaskView } from "@/lib/tasks/task-view-schema";

interface UsagePanelProps {
  view: TaskView;
}

/** What was generated and billed; input seconds for video edits, the ratio only where the API gives one. */
export function UsagePanel({ view }: UsagePanelProps) {
  const usage = view.usage;
  if (!usage)
    return <p className="text-sm text-muted-foreground">The gateway reports usage once DashScope has the task.</p>;
  const rows: Array<[string, string]> = [];
  if (usage.resolutionTier !== null) rows.push(["Resolution tier", `${usage.resolutionTier}p`]);
  if (usage.billedSeconds !== null) rows.push(["Billed", `${usage.billedSeconds} s`]);
  if (usage.outputSeconds !== null) rows.push(["Delivered", `${usage.outputSeconds} s`]);
  if (view.action.value === "omniGenerate" || (usage.inputSeconds ?? 0) > 0) {
    rows.push(["Input video", `${usage.inputSeconds ?? 0} s`]);
  }
  if (usage.ratio) rows.push(["Aspect ratio", usage.ratio]);
  return (
    <dl className="grid grid-cols-2 gap-3 text-sm" data-testid="usage">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs text-muted-foreground">{label}</dt>
          <dd className="font-medium tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
