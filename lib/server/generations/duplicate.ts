import "server-only";

import { formFromTask, type GenerationFormState } from "@/lib/generations/form-state";
import { checkTaskId } from "@/lib/happyhorse/task-id";
import type { Runtime } from "@/lib/server/runtime";
import { getTask } from "@/lib/server/tasks/task-store";
import { toTrackedTask } from "@/lib/server/tasks/tracked-task";

/** The form filled from a tracked task's snapshot, or null (not an id, not tracked, no answer yet). */
export async function duplicateOf(
  runtime: Runtime,
  from: unknown,
): Promise<{ id: string; form: GenerationFormState } | null> {
  const check = typeof from === "string" ? checkTaskId(from) : null;
  if (!check?.ok) return null;
  const row = await getTask(runtime.db, check.id);
  const view = row ? toTrackedTask(row, Date.now(), runtime.env).view : null;
  return view ? { id: check.id, form: formFromTask(view) } : null;
}
