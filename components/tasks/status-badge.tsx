import {
  CircleCheckIcon,
  CircleDashedIcon,
  CircleHelpIcon,
  CircleXIcon,
  HourglassIcon,
  LoaderCircleIcon,
  type LucideIcon,
} from "lucide-react";

import { Badge } from "@/components/ui/badge";
import type { StatusTone, StatusView } from "@/lib/tasks/status";
import { cn } from "@/lib/utils";

/** How each tone looks: an icon and a colour, always with the status text beside them. */
export const TONE_STYLES = {
  waiting: { icon: CircleDashedIcon, className: "text-status-waiting border-status-waiting/40 bg-status-waiting/10" },
  queued: { icon: HourglassIcon, className: "text-status-queued border-status-queued/40 bg-status-queued/10" },
  running: {
    icon: LoaderCircleIcon,
    className: "text-status-running border-status-running/40 bg-status-running/10",
  },
  success: { icon: CircleCheckIcon, className: "text-status-success border-status-success/40 bg-status-success/10" },
  failure: { icon: CircleXIcon, className: "text-status-failure border-status-failure/40 bg-status-failure/10" },
  unknown: { icon: CircleHelpIcon, className: "text-status-unknown border-status-unknown/40 bg-status-unknown/10" },
} as const satisfies Record<StatusTone, { icon: LucideIcon; className: string }>;

export const TONE_BAR = {
  waiting: "bg-status-waiting",
  queued: "bg-status-queued",
  running: "bg-status-running",
  success: "bg-status-success",
  failure: "bg-status-failure",
  unknown: "bg-status-unknown",
} as const satisfies Record<StatusTone, string>;

interface StatusBadgeProps {
  status: StatusView;
  prefix?: string;
  className?: string;
}

export function StatusBadge({ status, prefix, className }: StatusBadgeProps) {
  const style = TONE_STYLES[status.tone];
  const Icon = style.icon;
  return (
    <Badge
      variant="outline"
      data-status={status.value}
      title={status.known ? status.value : `Unexpected status "${status.value}"`}
      className={cn("[&>svg]:size-3.5", style.className, className)}
    >
      <Icon aria-hidden="true" />
      {prefix ? <span className="text-muted-foreground">{prefix}</span> : null}
      {status.label}
    </Badge>
  );
}
