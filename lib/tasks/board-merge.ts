import type { InfiniteData } from "@tanstack/react-query";

import type { BoardChanges, BoardResponse, TrackedTask } from "@/lib/api/task-schemas";
import type { BoardQuery, BoardSort } from "@/lib/tasks/board-query";

/**
 * Merges what changed on a board (`GET /api/tasks?since=…`) into the pages the browser holds, as
 * the server would have sorted them. Pure: the same data in gives the same data out, and what did
 * not change keeps its identity (its card does not re-render).
 */

export type BoardPages = InfiniteData<BoardResponse, string | null>;

/** Where the board puts a task: its time (`boardAt`, or when it was added for the "added" sort), then its id. */
function sortKey(task: TrackedTask, sort: BoardSort): number {
  return (sort === "added" ? task.addedAt : task.boardAt) ?? 0;
}

/** Negative when `a` comes before `b` on the board. */
export function compareOnBoard(a: TrackedTask, b: TrackedTask, sort: BoardSort): number {
  const direction = sort === "oldest" ? 1 : -1;
  const byKey = sortKey(a, sort) - sortKey(b, sort);
  if (byKey !== 0) return byKey * direction;
  return a.id === b.id ? 0 : (a.id < b.id ? -1 : 1) * direction;
}

export interface MergeResult {
  data: BoardPages;
  /** Too much changed to send: read the pages again. */
  reset: boolean;
}

export function mergeBoardChanges(
  data: BoardPages,
  changes: BoardChanges,
  query: Pick<BoardQuery, "sort" | "order">,
): MergeResult {
  const { sort } = query;
  const first = data.pages[0];
  if (!first) return { data, reset: false };
  // Too much changed to send, or an answer older than what is on screen: read the board again / keep it.
  if (changes.version < first.version) return { data, reset: false };
  // Read again, once: pages already at that version have what it could not send.
  if (changes.reset) return { data, reset: changes.version > first.version };

  const state = stateOf(changes);
  if (changes.tasks.length === 0 && changes.removed.length === 0 && sameState(first, state)) {
    return { data, reset: false };
  }

  const changed = new Map(changes.tasks.map((task) => [task.id, task]));
  const gone = new Set(changes.removed);
  const present = new Map(data.pages.flatMap((page) => page.tasks.map((task) => [task.id, task] as const)));
  const lastLoaded = data.pages.findLast((page) => page.tasks.length > 0)?.tasks.at(-1);

  // Tasks to place: new on this view, or moved (a first answer gave the submission time). What sorts
  // after the last loaded task, while pages remain, comes with its page.
  // Sorted by a column, the server's order (its collation, its sentinels) is not redone here: a
  // changed task keeps its row until the next full read, and a new one brings that read now.
  const ordered = query.order !== null;
  const last = data.pages.at(-1);
  const complete = last?.nextCursor === null;
  // Where an unloaded task sorts is the server's to say: with every page loaded it is read again
  // (a small board), otherwise it comes with its page or the next full read.
  if (ordered && complete && changes.tasks.some((task) => !present.has(task.id))) return { data, reset: true };
  const stays = (next: TrackedTask, was: TrackedTask) => ordered || compareOnBoard(next, was, sort) === 0;
  const arriving = changes.tasks.filter((task) => {
    const was = present.get(task.id);
    if (was && stays(task, was)) return false;
    if (ordered) return false;
    return complete || lastLoaded === undefined || compareOnBoard(task, lastLoaded, sort) <= 0;
  });
  const placed = new Set<string>();

  const pages = data.pages.map((page, index) => {
    let tasks = page.tasks.flatMap((task) => {
      if (gone.has(task.id)) return [];
      const next = changed.get(task.id);
      if (!next) return [task];
      return stays(next, task) ? [next] : [];
    });
    // Arriving tasks go on the first page whose last task does not sort before them (or the last page).
    const end = page.tasks.at(-1);
    const isLast = index === data.pages.length - 1;
    const here = arriving.filter(
      (task) => !placed.has(task.id) && (isLast || end === undefined || compareOnBoard(task, end, sort) <= 0),
    );
    if (here.length > 0) {
      for (const task of here) placed.add(task.id);
      tasks = [...tasks, ...here].sort((a, b) => compareOnBoard(a, b, sort));
    }
    const unchanged = tasks.length === page.tasks.length && tasks.every((task, at) => task === page.tasks[at]);
    const base = unchanged ? page : { ...page, tasks };
    return index > 0 ? base : { ...base, ...state };
  });
  return { data: { ...data, pages }, reset: false };
}

type BoardState = Omit<BoardResponse, "tasks" | "nextCursor">;

/** What an answer says of the whole view: counts, pickers, the watcher, the gateway, the store. */
function stateOf(changes: BoardChanges): BoardState {
  const { total, counts, actions, labels, gateway, watcher, storage, mode, pollIntervalMs, serverTime, version } =
    changes;
  return { total, counts, actions, labels, gateway, watcher, storage, mode, pollIntervalMs, serverTime, version };
}

/** The first page already says all this (the server's clock aside). */
function sameState(page: BoardResponse, state: BoardState): boolean {
  return (Object.keys(state) as (keyof BoardState)[]).every(
    (key) => key === "serverTime" || JSON.stringify(page[key]) === JSON.stringify(state[key]),
  );
}
