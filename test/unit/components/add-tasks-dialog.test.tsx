// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { AddTasksDialog } from "@/components/tasks/add-tasks-dialog";

import { fakeFetch, renderWithQueries } from "./render";

const ID = "asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya";

describe("the add-tasks dialog", () => {
  it("opens with the 'a' shortcut, counts valid and invalid ids, and reports each id", async () => {
    const server = fakeFetch({
      status: 201,
      body: {
        results: [
          { id: ID, outcome: "added" },
          { id: "nope", outcome: "invalid", reason: 'A task id starts with "asyntask_".' },
        ],
        added: 1,
        alreadyTracked: 0,
        invalid: 1,
      },
    });
    vi.stubGlobal("fetch", server.fetch);
    const { user } = renderWithQueries(<AddTasksDialog demo={false} shortcut />);

    await user.keyboard("a");
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByLabelText("Task ids"), `${ID}, nope ${ID}`);
    expect(within(dialog).getByText(/2 ids, 1 not valid/)).toBeTruthy();
    await user.type(within(dialog).getByLabelText(/^Label/), "Spring");
    await user.click(within(dialog).getByRole("button", { name: /Track 2 tasks/ }));

    const results = await within(dialog).findByTestId("track-results");
    expect(within(results).getByText("Added")).toBeTruthy();
    expect(within(results).getByText(/Not valid: A task id starts with/)).toBeTruthy();
    expect(server.calls).toEqual([{ url: "/api/tasks", method: "POST", body: { ids: [ID, "nope"], label: "Spring" } }]);
  });

  it("ignores the shortcut while the person types elsewhere, and without the shortcut prop", async () => {
    const { user } = renderWithQueries(
      <>
        <input aria-label="elsewhere" />
        <AddTasksDialog demo={false} />
      </>,
    );
    await user.keyboard("a");
    expect(screen.queryByRole("dialog")).toBeNull();
    await user.type(screen.getByLabelText("elsewhere"), "a");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("lists why each id was refused when none is valid, and refuses a bad label before sending", async () => {
    const server = fakeFetch({
      status: 400,
      body: {
        error: {
          code: "invalid_ids",
          message: "No valid task id",
          details: { results: [{ id: "bad-one", reason: 'A task id starts with "asyntask_".' }] },
        },
      },
    });
    vi.stubGlobal("fetch", server.fetch);
    const { user } = renderWithQueries(<AddTasksDialog demo />);
    await user.click(screen.getByRole("button", { name: /Add tasks/ }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/any well-formed id becomes a new simulated task/)).toBeTruthy();
    await user.type(within(dialog).getByLabelText("Task ids"), "bad-one");
    await user.click(within(dialog).getByRole("button", { name: /Track 1 task/ }));
    expect(await within(dialog).findByText(/Not valid: A task id starts with/)).toBeTruthy();

    await user.click(within(dialog).getByRole("button", { name: "Add more" }));
    await user.click(within(dialog).getByLabelText(/^Label/));
    await user.paste("bell\u0007");
    expect(within(dialog).getByRole("alert").textContent).toMatch(/control characters/);
    await user.click(within(dialog).getByRole("button", { name: /Track 1 task/ }));
    expect(server.calls).toHaveLength(1);
  });
});
