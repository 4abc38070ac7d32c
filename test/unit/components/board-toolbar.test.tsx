// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { BoardToolbar } from "@/components/tasks/board-toolbar";
import type { BoardUrlState } from "@/lib/tasks/board-url";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const STATE: BoardUrlState = {
  status: "all",
  action: null,
  category: "moderation",
  label: null,
  q: "",
  sort: "newest",
  order: null,
  range: "all",
  start: null,
  end: null,
  view: "cards",
};
const COUNTS = { all: 15, active: 5, succeeded: 4, failed: 5, not_found: 1, gave_up: 0 };

function renderToolbar(state: BoardUrlState, onChange = vi.fn()) {
  const props = { counts: COUNTS, actions: ["generate", "omniGenerate"], labels: ["Ada"], onChange };
  const view = render(<BoardToolbar state={state} view={state.view ?? "cards"} {...props} />);
  return {
    onChange,
    rerender: (next: BoardUrlState) =>
      view.rerender(<BoardToolbar state={next} view={next.view ?? "cards"} {...props} />),
  };
}

describe("the board toolbar", () => {
  it("shows the counts and changes the status, clearing the failure category", async () => {
    const user = userEvent.setup();
    const { onChange } = renderToolbar(STATE);
    expect(screen.getByRole("button", { name: /^Failed/ }).textContent).toBe("Failed5");
    await user.click(screen.getByRole("button", { name: /^Failed/ }));
    expect(onChange).toHaveBeenCalledWith({ status: "failed", category: null });
    await user.selectOptions(screen.getByRole("combobox", { name: "Kind of generation" }), "omniGenerate");
    expect(onChange).toHaveBeenCalledWith({ action: "omniGenerate" });
    expect(screen.getByRole("option", { name: "Video edit" })).toBeTruthy();
  });

  it("commits a search after a pause, once, and follows a search cleared elsewhere", async () => {
    vi.useFakeTimers();
    const { onChange, rerender } = renderToolbar(STATE);
    for (const text of ["h", "ho", "hors", "horse"]) {
      fireEvent.change(screen.getByRole("searchbox"), { target: { value: text } });
      await act(async () => vi.advanceTimersByTime(100));
    }
    expect(onChange).not.toHaveBeenCalled();
    await act(async () => vi.advanceTimersByTime(300));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ q: "horse" });

    rerender({ ...STATE, q: "horse" });
    rerender({ ...STATE, q: "" });
    expect((screen.getByRole("searchbox") as HTMLInputElement).value).toBe("");
    await act(async () => vi.advanceTimersByTime(1000));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it("focuses the search with '/', unless the person is typing", async () => {
    const user = userEvent.setup();
    renderToolbar(STATE);
    await user.keyboard("/");
    expect(document.activeElement).toBe(screen.getByRole("searchbox"));
    await user.type(screen.getByRole("searchbox"), "/");
    expect((screen.getByRole("searchbox") as HTMLInputElement).value).toBe("/");
  });

  it("shows the groups of tasks Paddock stopped watching only when there are some", () => {
    renderToolbar(STATE);
    expect(screen.getByRole("button", { name: /^Not found/ }).textContent).toBe("Not found1");
    expect(screen.queryByRole("button", { name: /^Gave up/ })).toBeNull();
  });

  it("hides the status filter in the failures view", () => {
    renderToolbar({ ...STATE, view: "failures" });
    expect(screen.queryByRole("group", { name: "Status" })).toBeNull();
    expect(screen.getByRole("button", { name: "Failures" }).getAttribute("aria-pressed")).toBe("true");
  });
});
