import { describe, expect, it } from "vitest";

import type { BoardChanges, BoardResponse, TrackedTask } from "@/lib/api/task-schemas";
import { type BoardPages, compareOnBoard, mergeBoardChanges } from "@/lib/tasks/board-merge";

function task(id: string, boardAt: number, label: string | null = null): TrackedTask {
  return {
    id,
    addedAt: boardAt,
    boardAt,
    label,
    view: null,
    snapshotAt: null,
    checkedAt: null,
    error: null,
    stopped: null,
    inspection: { disagreement: null, stuck: null },
    eta: null,
    archive: null,
    startedHere: false,
  };
}

const STATE = {
  total: 0,
  counts: { all: 0, active: 1, succeeded: 0, failed: 0, not_found: 0, gave_up: 0 },
  actions: [],
  labels: [],
  gateway: { state: "ok", failures: 0, retryAt: null, lastError: null },
  storage: { state: "ok", message: null, since: null },
  watcher: {
    running: true,
    instances: 1,
    lastPassAt: 1,
    activeTasks: 1,
    dueTasks: 0,
    backingOff: false,
    intervalMs: 5000,
    configuredIntervalMs: 5000,
  },
  mode: "demo",
  pollIntervalMs: 5000,
  serverTime: 1,
  version: 10,
} as const satisfies Omit<BoardResponse, "tasks" | "nextCursor">;

/** Pages of the newest-first board: each array a page, the last one with no next cursor unless `more`. */
function pages(tasks: TrackedTask[][], more = false): BoardPages {
  return {
    pages: tasks.map((page, index) => ({
      ...STATE,
      total: tasks.flat().length,
      tasks: page,
      nextCursor: index < tasks.length - 1 || more ? `cursor${index}` : null,
    })),
    pageParams: tasks.map((_, index) => (index === 0 ? null : `cursor${index - 1}`)),
  };
}

function changes(partial: Partial<BoardChanges>): BoardChanges {
  return { ...STATE, since: 10, version: 11, tasks: [], removed: [], reset: false, ...partial };
}

const ids = (data: BoardPages) => data.pages.map((page) => page.tasks.map((each) => each.id));

describe("merging a poll's changes into the board's pages", () => {
  const a = task("a", 500);
  const b = task("b", 400);
  const c = task("c", 300);
  const d = task("d", 200);

  it("replaces a changed task where it is, and keeps every other object as it was", () => {
    const data = pages([
      [a, b],
      [c, d],
    ]);
    const b2 = task("b", 400, "new label");
    const { data: merged, reset } = mergeBoardChanges(data, changes({ tasks: [b2] }), { sort: "newest", order: null });
    expect(reset).toBe(false);
    expect(ids(merged)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(merged.pages[0]?.tasks[1]).toBe(b2);
    expect(merged.pages[0]?.tasks[0]).toBe(a);
    // A page where nothing changed is the very same object (its cards do not re-render).
    expect(merged.pages[1]).toBe(data.pages[1]);
    expect(merged.pages[0]?.version).toBe(11);
  });

  it("puts a new task in its place, and leaves one that sorts past the loaded pages for paging", () => {
    const data = pages([[a, c]], true);
    const newest = task("z", 900);
    const middle = task("m", 350);
    const older = task("o", 100);
    const { data: merged } = mergeBoardChanges(data, changes({ tasks: [older, middle, newest] }), {
      sort: "newest",
      order: null,
    });
    expect(ids(merged)).toEqual([["z", "a", "m", "c"]]);
  });

  it("puts an older new task at the end when every page is loaded", () => {
    const { data: merged } = mergeBoardChanges(pages([[a], [c]]), changes({ tasks: [task("o", 100)] }), {
      sort: "newest",
      order: null,
    });
    expect(ids(merged)).toEqual([["a"], ["c", "o"]]);
  });

  it("moves a task whose time changed, and never shows it twice", () => {
    const data = pages([
      [a, b],
      [c, d],
    ]);
    const moved = task("d", 450);
    const { data: merged } = mergeBoardChanges(data, changes({ tasks: [moved] }), { sort: "newest", order: null });
    expect(ids(merged)).toEqual([["a", "d", "b"], ["c"]]);
  });

  it("removes untracked tasks and those that no longer match the filters", () => {
    const { data: merged } = mergeBoardChanges(
      pages([
        [a, b],
        [c, d],
      ]),
      changes({ removed: ["b", "d"] }),
      { sort: "newest", order: null },
    );
    expect(ids(merged)).toEqual([["a"], ["c"]]);
  });

  it("sorts oldest first under that sort", () => {
    const data = pages([[d, c, b]]);
    const { data: merged } = mergeBoardChanges(data, changes({ tasks: [task("m", 350)] }), {
      sort: "oldest",
      order: null,
    });
    expect(ids(merged)).toEqual([["d", "c", "m", "b"]]);
    expect(compareOnBoard(d, c, "oldest")).toBeLessThan(0);
  });

  it("takes the new counts and state on the first page", () => {
    const counts = { ...STATE.counts, active: 0, succeeded: 4 };
    const { data: merged } = mergeBoardChanges(pages([[a]]), changes({ counts, total: 4 }), {
      sort: "newest",
      order: null,
    });
    expect(merged.pages[0]?.counts).toEqual(counts);
    expect(merged.pages[0]?.total).toBe(4);
  });

  it("changes nothing when the answer says nothing new", () => {
    const data = pages([[a, b]]);
    const { data: merged } = mergeBoardChanges(data, changes({ version: 10, total: 2, serverTime: 99 }), {
      sort: "newest",
      order: null,
    });
    expect(merged).toBe(data);
  });

  it("ignores an answer older than the pages on screen, and asks for a new read when too much changed", () => {
    const data = pages([[a, b]]);
    expect(
      mergeBoardChanges(data, changes({ version: 9, tasks: [task("z", 900)] }), { sort: "newest", order: null }).data,
    ).toBe(data);
    expect(mergeBoardChanges(data, changes({ reset: true }), { sort: "newest", order: null }).reset).toBe(true);
  });

  it("keeps rows in place under a column order, and reads again when a new task arrives", async () => {
    const data = pages([[a, b, c]]);
    const moved = task("c", 999, "changed");
    const ordered = { sort: "newest", order: "-progress" } as const;
    const { data: merged, reset } = mergeBoardChanges(data, changes({ tasks: [moved] }), ordered);
    expect(reset).toBe(false);
    expect(ids(merged)).toEqual([["a", "b", "c"]]);
    expect(merged.pages[0]?.tasks[2]).toBe(moved);
    expect(mergeBoardChanges(data, changes({ tasks: [task("z", 1)] }), ordered).reset).toBe(true);
  });
});
