import { LocalTime } from "@/components/local-time";
import { stepDurations, timelineEvents } from "@/lib/tasks/inspection";
import type { TaskView } from "@/lib/tasks/task-view-schema";
import { formatDuration } from "@/lib/tasks/time";
import { cn } from "@/lib/utils";

interface TaskTimelineProps {
  view: TaskView;
}

const CLOCK_LABELS = { platform: "Platform", upstream: "DashScope" } as const;

/** Both clocks' phases on one axis, in the viewer's time zone (UTC on hover), with each step's duration. */
export function TaskTimeline({ view }: TaskTimelineProps) {
  const events = timelineEvents(view);
  const steps = stepDurations(view);
  const invalid = <InvalidTimes times={view.invalidTimes} />;
  if (events.length === 0) {
    return (
      <div className="flex flex-col gap-3">
        <p className="text-sm text-muted-foreground">No phase reached yet.</p>
        {invalid}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {invalid}
      <ul className="flex flex-wrap gap-2" aria-label="Durations">
        {steps.map((step) => (
          <li
            key={step.key}
            data-step={step.key}
            data-long={step.long || undefined}
            className={cn(
              "rounded-md border px-2.5 py-1.5 text-sm",
              step.long && "border-status-running/60 bg-status-running/10 font-medium",
            )}
          >
            <span className="text-muted-foreground">{step.label}</span>{" "}
            <span className="tabular-nums">{step.ms === null ? "—" : formatDuration(step.ms)}</span>
            {step.long ? <span className="ml-1 text-xs text-status-running">long</span> : null}
          </li>
        ))}
      </ul>
      <ol className="relative flex flex-col gap-3 border-l pl-4" aria-label="Timeline">
        {events.map((event, index) => {
          const previous = events[index - 1];
          return (
            <li key={event.key} className="relative" data-event={event.key}>
              <span
                aria-hidden="true"
                className={cn(
                  "absolute top-1.5 -left-[21px] size-2.5 rounded-full border-2 border-background",
                  event.clock === "platform" ? "bg-status-queued" : "bg-status-success",
                )}
              />
              <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
                <span className="font-medium">{event.label}</span>
                <span className="rounded bg-muted px-1.5 text-xs text-muted-foreground">
                  {CLOCK_LABELS[event.clock]}
                </span>
                {previous ? (
                  <span className="text-xs text-muted-foreground tabular-nums">
                    +{formatDuration(event.at - previous.at)}
                  </span>
                ) : null}
              </div>
              <LocalTime at={event.at} className="text-xs text-muted-foreground tabular-nums" />
            </li>
          );
        })}
      </ol>
      <p className="text-xs text-muted-foreground">
        DashScope&apos;s times are given in China Standard Time (UTC+8) and shown here in your time zone. The
        platform&apos;s times are when the gateway noticed a change, to the second.
      </p>
    </div>
  );
}

/** Times the gateway sent that cannot be instants (outside 2000-2100): shown raw, never used. */
function InvalidTimes({ times }: { times: TaskView["invalidTimes"] }) {
  if (times.length === 0) return null;
  return (
    <div role="note" className="rounded-md border border-status-running/40 bg-status-running/5 p-3 text-sm">
      <p className="font-medium">The gateway sent {times.length === 1 ? "a time" : "times"} Paddock cannot read</p>
      <ul className="mt-1 flex flex-col gap-0.5 text-xs">
        {times.map((time) => (
          <li key={time.field} data-invalid-time={time.field}>
            <span className="font-mono">{time.field}</span>: <span className="font-medium">invalid time</span>{" "}
            <span className="text-muted-foreground">
              (raw <code className="font-mono break-all">{time.raw}</code>)
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
