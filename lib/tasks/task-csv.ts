import type { TrackedTask } from "@/lib/api/task-schemas";
import { csvRow, isoTime } from "@/lib/usage/csv";

/** The board's tasks as CSV rows: the table's columns, the same whether the browser or the server writes them. */

export const TASK_CSV_HEADER = csvRow([
  "task_id",
  "status",
  "kind",
  "label",
  "prompt",
  "progress",
  "queue_wait_ms",
  "generation_ms",
  "submitted_at",
]);

export function taskCsvRow(task: TrackedTask): string {
  return csvRow([
    task.id,
    task.view?.status.value ?? "",
    task.view?.action.value ?? "",
    task.label,
    task.view?.prompt,
    task.view?.progress,
    task.view?.durations.queueWaitMs,
    task.view?.durations.generationMs,
    isoTime(task.view?.platformTimes.submittedAt),
  ]);
}
