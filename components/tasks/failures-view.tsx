import Link from "next/link";

import { LocalTime } from "@/components/local-time";
import type { TrackedTask } from "@/lib/api/task-schemas";
import { shortTaskId } from "@/lib/happyhorse/task-id";
import { FAILURE_CATEGORIES, type FailureCategory } from "@/lib/tasks/failure-category";

interface FailuresViewProps {
  tasks: TrackedTask[];
  onPickCategory: (category: FailureCategory | null) => void;
  category: FailureCategory | null;
}

/** Failed tasks grouped by why they failed, largest group first, newest first within a group. */
export function FailuresView({ tasks, onPickCategory, category }: FailuresViewProps) {
  const groups = new Map<FailureCategory, TrackedTask[]>();
  for (const task of tasks) {
    const key = task.view?.failure?.category ?? "unknown";
    const members = groups.get(key);
    if (members) members.push(task);
    else groups.set(key, [task]);
  }
  const when = (task: TrackedTask) => task.view?.platformTimes.finishedAt ?? task.view?.platformTimes.submittedAt ?? 0;
  const newest = (members: TrackedTask[]) => Math.max(...members.map(when));
  const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || newest(b[1]) - newest(a[1]));

  return (
    <div className="flex flex-col gap-4" data-testid="failures-view">
      {category ? (
        <button
          type="button"
          className="w-fit text-sm underline underline-offset-4"
          onClick={() => onPickCategory(null)}
        >
          Show every category
        </button>
      ) : null}
      {ordered.map(([key, members]) => (
        <section key={key} className="rounded-xl border" aria-labelledby={`failures-${key}`} data-category={key}>
          <header className="flex flex-wrap items-center justify-between gap-2 border-b px-4 py-3">
            <h2 id={`failures-${key}`} className="font-semibold">
              {FAILURE_CATEGORIES[key].label}{" "}
              <span className="text-muted-foreground tabular-nums">({members.length})</span>
            </h2>
            <p className="text-xs text-muted-foreground">
              {FAILURE_CATEGORIES[key].retry ? "Retry later helps" : "Retrying as is will not help"}
              {category ? null : (
                <>
                  {" · "}
                  <button type="button" className="underline underline-offset-4" onClick={() => onPickCategory(key)}>
                    Only this category
                  </button>
                </>
              )}
            </p>
          </header>
          <ul className="divide-y">
            {[...members]
              .sort((a, b) => when(b) - when(a))
              .map((task) => (
                <li
                  key={task.id}
                  className="grid grid-cols-1 gap-1 px-4 py-2 text-sm md:grid-cols-[8rem_12rem_1fr] md:gap-4"
                >
                  <Link
                    href={`/tasks/${task.id}`}
                    prefetch={false}
                    className="font-mono text-xs underline-offset-4 hover:underline"
                    title={task.id}
                  >
                    {shortTaskId(task.id)}
                  </Link>
                  <span className="text-xs text-muted-foreground">
                    {when(task) > 0 ? <LocalTime at={when(task)} precise={false} /> : "—"}
                  </span>
                  <span className="break-words">
                    {task.view?.failure?.message ?? "No reason given"}
                    {task.view?.failure?.code ? (
                      <span className="ml-2 font-mono text-xs text-muted-foreground">{task.view.failure.code}</span>
                    ) : null}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
