import "server-only";

import {
  type DuplicateSource,
  formFromRequest,
  formFromTask,
  type GenerationFormState,
  kindOfTask,
} from "@/lib/generations/form-state";
import { generationRequestSchema } from "@/lib/generations/request";
import { checkTaskId } from "@/lib/happyhorse/task-id";
import type { Runtime } from "@/lib/server/runtime";
import { getTask } from "@/lib/server/tasks/task-store";
import { toTrackedTask } from "@/lib/server/tasks/tracked-task";

export interface Duplicate {
  id: string;
  form: GenerationFormState;
  source: DuplicateSource;
}

/**
 * The form filled for "Duplicate with changes": from what Paddock sent when it started the task
 * (every field), else from the task's snapshot; null when neither exists (not an id, not
 * tracked, no answer yet).
 */
export async function duplicateOf(runtime: Runtime, from: unknown): Promise<Duplicate | null> {
  const check = typeof from === "string" ? checkTaskId(from) : null;
  if (!check?.ok) return null;
  const row = await getTask(runtime.db, check.id);
  if (!row) return null;
  const sent = row.request === null ? null : generationRequestSchema.safeParse(parseJson(row.request));
  if (sent?.success) {
    return { id: check.id, form: formFromRequest(sent.data), source: { from: "request", kindUncertain: false } };
  }
  const view = toTrackedTask(row, Date.now(), runtime.env).view;
  if (!view) return null;
  return {
    id: check.id,
    form: formFromTask(view),
    source: { from: "snapshot", kindUncertain: kindOfTask(view).uncertain },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
