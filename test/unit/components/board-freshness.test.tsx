// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { BoardFreshness } from "@/components/tasks/board-freshness";
import type { BoardResponse, WatcherStatus } from "@/lib/api/task-schemas";

const NOW = 1_800_000_000_000;

// The board's own clock reads the (fake) time when it starts ticking.
beforeEach(() =>
  vi.useFakeTimers({ now: NOW, toFake: ["Date", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] }),
);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function board(watcher: Partial<WatcherStatus>): BoardResponse {
  return {
    tasks: [],
    nextCursor: null,
    total: 0,
    counts: { all: 3, active: 3, succeeded: 0, failed: 0, not_found: 0, gave_up: 0 },
    actions: [],
    labels: [],
    gateway: { state: "ok", failures: 0, retryAt: null, lastError: null },
    storage: { state: "ok", message: null, since: null },
    watcher: {
      running: true,
      instances: 1,
      lastPassAt: NOW - 4_000,
      activeTasks: 3,
      dueTasks: 0,
      backingOff: false,
      intervalMs: 15_000,
      configuredIntervalMs: 15_000,
      ...watcher,
    },
    mode: "live",
    pollIntervalMs: 15_000,
    serverTime: NOW,
    version: 1,
  } as BoardResponse;
}

async function renderWith(data: BoardResponse) {
  render(<BoardFreshness data={data} updatedAt={NOW - 1000} serverError={null} fetching={false} onRefresh={vi.fn()} />);
  // The page's clock starts right after it comes alive (a task of its own, not the first render).
  await act(async () => vi.advanceTimersByTime(0));
}

describe("the board's word on the watcher", () => {
  it("says what it watches, how often and when it last passed", async () => {
    await renderWith(board({ dueTasks: 2 }));
    expect(screen.getByTestId("watcher-line").textContent).toBe(
      "· watching 3 tasks every 15 s, last pass 4 s ago, 2 due",
    );
    expect(screen.queryByTestId("watcher-notice")).toBeNull();
  });

  it("says when the interval is stretched because the budget cannot keep up", async () => {
    await renderWith(board({ intervalMs: 40_000 }));
    expect(screen.getByTestId("watcher-line").textContent).toContain("every 40 s (stretched)");
  });

  it("warns, in one sentence, when no watcher is running and active tasks wait", async () => {
    await renderWith(board({ running: false, instances: 0, lastPassAt: NOW - 180_000 }));
    const notice = screen.getByTestId("watcher-notice");
    expect(notice.textContent).toBe(
      "No watcher is running, so 3 active tasks are not being refreshed (the last pass was 3 min ago). " +
        "Ask whoever runs Paddock to start one (npm run watcher) or to run Paddock without PADDOCK_WATCHER=off.",
    );
    expect(notice.querySelectorAll("p")).toHaveLength(1);
    expect(screen.queryByTestId("watcher-line")).toBeNull();
  });

  it("stays quiet about the watcher when nothing is active", async () => {
    await renderWith(board({ running: false, instances: 0, activeTasks: 0 }));
    expect(screen.queryByTestId("watcher-notice")).toBeNull();
    expect(screen.queryByTestId("watcher-line")).toBeNull();
  });
});

describe("the board's word on the gateway", () => {
  it("names a rejected key as such, not as an outage, with the next check", async () => {
    await renderWith({
      ...board({}),
      gateway: {
        state: "key_rejected",
        failures: 4,
        retryAt: NOW + 42_000,
        lastError: { code: "unauthorized", message: "Invalid API key" },
      },
    } as BoardResponse);
    const notice = screen.getByTestId("gateway-notice");
    expect(notice.dataset.state).toBe("key_rejected");
    expect(notice.textContent).toContain("The gateway rejected Paddock's API key.");
    expect(notice.textContent).toContain("It said: Invalid API key.");
    expect(notice.textContent).toContain("one call a minute (next check in about 42 s)");
    expect(notice.textContent).not.toContain("giving it a rest");
  });
});

describe("the board's word on the store", () => {
  it("shows a red storage banner with what happened and for how long", async () => {
    await renderWith({
      ...board({}),
      storage: {
        state: "deleted",
        message: "The database file paddock.db was deleted while Paddock was running.",
        since: NOW - 65_000,
      },
    } as BoardResponse);
    const notice = screen.getByTestId("storage-notice");
    expect(notice.getAttribute("role")).toBe("alert");
    expect(notice.textContent).toContain("Storage: Paddock cannot keep changes right now.");
    expect(notice.textContent).toContain("paddock.db was deleted while Paddock was running. This has lasted 65 s.");
    expect(notice.textContent).toContain("Adding, labelling and untracking are refused");
  });
});
