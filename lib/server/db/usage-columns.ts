import { successEnvelopeSchema } from "@/lib/happyhorse/schema";
import type { TaskView } from "@/lib/tasks/task-view";
import { toTaskView } from "@/lib/tasks/task-view";

/** The columns the usage review aggregates in SQL, derived from a task's view. */
export function usageColumnsOf(view: TaskView) {
  return {
    resolution_tier: view.usage?.resolutionTier ?? null,
    billed_seconds: view.usage?.billedSeconds ?? null,
    delivered_seconds: view.usage?.outputSeconds ?? null,
    input_seconds: view.usage?.inputSeconds ?? null,
    ratio: view.usage?.ratio ?? null,
    queue_wait_ms: view.durations.queueWaitMs,
    generation_ms: view.durations.generationMs,
  };
}

/** The same, from a stored answer (for backfilling); null when the answer does not parse. */
export function usageColumns(rawJson: string | null) {
  if (!rawJson) return null;
  const parsed = successEnvelopeSchema.safeParse(JSON.parse(rawJson));
  return parsed.success ? usageColumnsOf(toTaskView(parsed.data.data, Date.now())) : null;
}
