/**
 * Main-thread tasks from a Chromium trace, placed on the page's own clock. The browser reports
 * long tasks of 50 ms and more only; a trace has every task, so a 20 ms commit can be told from a
 * 5 ms one. A `performance.mark` made in the page ties the two clocks together (the trace is in
 * microseconds of its own) and says which thread is the page's main thread.
 */

/** The trace categories this needs: every task, and the page's marks. */
export const TRACE_CATEGORIES = ["toplevel", "devtools.timeline", "blink.user_timing"];

/** What a main-thread task is called: older Chromium says RunTask, newer its scheduler's own name. */
const TASK_NAMES = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);

interface TraceEvent {
  name: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

export interface PageTask {
  /** On the page's clock (performance.now()), ms. */
  start: number;
  duration: number;
}

/** The page's main-thread tasks, given the trace and when (page clock) the named mark was made. */
export function pageTasks(trace: Buffer, markName: string, markAt: number): PageTask[] {
  const events = (JSON.parse(trace.toString("utf8")) as { traceEvents?: TraceEvent[] }).traceEvents ?? [];
  const mark = events.find((event) => event.name === markName);
  if (!mark) throw new Error(`the trace has no mark ${markName}`);
  return events
    .filter((event) => TASK_NAMES.has(event.name) && event.pid === mark.pid && event.tid === mark.tid && event.dur)
    .map((event) => ({ start: markAt + (event.ts - mark.ts) / 1000, duration: (event.dur ?? 0) / 1000 }));
}

/**
 * The task that was running at `at` (a page time, coarsened to 0.1 ms by the browser, so a task
 * that ended up to 1 ms before counts), the outermost when tasks nest.
 */
export const taskAt = (tasks: readonly PageTask[], at: number) => longestBetween(tasks, at - 1, at);

/** The longest task that overlaps [from, to]. */
export function longestBetween(tasks: readonly PageTask[], from: number, to: number): PageTask | null {
  let longest: PageTask | null = null;
  for (const task of tasks) {
    if (task.start + task.duration < from || task.start > to) continue;
    if (!longest || task.duration > longest.duration) longest = task;
  }
  return longest;
}
