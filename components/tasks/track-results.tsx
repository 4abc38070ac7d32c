import { CircleCheckIcon, CircleXIcon } from "lucide-react";

import type { TrackResult } from "@/lib/api/task-schemas";

const OUTCOME_TEXT = {
  added: "Added",
  already_tracked: "Already tracked",
  invalid: "Not valid",
} as const satisfies Record<TrackResult["outcome"], string>;

/** What happened to each id of an add: added, already tracked, or not valid and why. */
export function TrackResults({ results, label = "Results" }: { results: TrackResult[]; label?: string }) {
  return (
    <ul
      className="flex max-h-72 flex-col gap-1.5 overflow-y-auto text-sm"
      aria-label={label}
      data-testid="track-results"
    >
      {results.map((result) => (
        <li key={result.id} className="flex items-start gap-2" data-outcome={result.outcome}>
          {result.outcome === "invalid" ? (
            <CircleXIcon className="mt-0.5 size-4 shrink-0 text-status-failure" aria-hidden="true" />
          ) : (
            <CircleCheckIcon className="mt-0.5 size-4 shrink-0 text-status-success" aria-hidden="true" />
          )}
          <div className="min-w-0">
            <p className="font-mono text-xs break-all">{result.id || "(empty)"}</p>
            <p className="text-xs text-muted-foreground">
              {OUTCOME_TEXT[result.outcome]}
              {result.outcome === "invalid" ? `: ${result.reason}` : ""}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
