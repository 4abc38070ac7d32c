import type * as React from "react";

import { cn } from "@/lib/utils";

/** shadcn's Progress without the Radix dependency: a native progressbar role is all it needs. */
function Progress({
  className,
  value,
  indicatorClassName,
  ...props
}: React.ComponentProps<"div"> & { value: number | null; indicatorClassName?: string }) {
  const known = value !== null;
  return (
    <div
      data-slot="progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={known ? value : undefined}
      className={cn("relative h-2 w-full overflow-hidden rounded-full bg-primary/15", className)}
      {...props}
    >
      <div
        data-slot="progress-indicator"
        className={cn(
          "h-full bg-primary transition-all",
          // Unknown progress pulses three times, then rests: an endless animation repaints the page every frame.
          !known && "w-1/3 motion-safe:animate-[pulse_2s_cubic-bezier(0.4,0,0.6,1)_3]",
          indicatorClassName,
        )}
        style={known ? { width: `${value}%` } : undefined}
      />
    </div>
  );
}

export { Progress };
