import "server-only";

import type { QueryClient } from "@tanstack/react-query";

import { taskKeys } from "@/lib/api-client/tasks";
import { logEvent } from "@/lib/server/log";
import { getRuntime } from "@/lib/server/runtime";
import { loadTrackedTaskDetail } from "@/lib/server/tasks/task-reads";

/**
 * A tracked task's inspector answer, read from the store while the page renders, under the key
 * the browser's query uses: the first paint has the whole inspector in it. An untracked task is
 * looked up at the gateway by the browser (with its own loading and error states), and so is any
 * task whose read fails here.
 */
export async function prefetchTaskDetail(queryClient: QueryClient, id: string): Promise<void> {
  try {
    const runtime = await getRuntime();
    const detail = await loadTrackedTaskDetail(runtime, id);
    if (detail) queryClient.setQueryData(taskKeys.detail(id), detail);
  } catch (error) {
    logEvent("warn", "task_prefetch_failed", { error: String(error) });
  }
}
