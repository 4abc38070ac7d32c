// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { AddTasksDialog } from "@/components/tasks/add-tasks-dialog";

import { fakeFetch, renderWithQueries } from "./render";

const ID = "asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya";
const NEW_API_ID = "task_NeZDhfDeo4heZr75LOequdV3KvYhPBCK";

describe("the add-tasks dialog", () => {
  // The dialog's form loads on demand (next/dynamic). Loaded here first, so the first test does not
  // wait for its transform on a busy machine (findByRole gives up after a second: a CI run failed so).
  beforeAll(async () => {
    await import("@/components/tasks/add-tasks-form");
  });

  it("opens with the 'a' shortcut, lists invalid ids as you type, sends only the valid ones and closes", async () => {
    const server = fakeFetch({
      status: 201,
      body: {
        results: [
          { id: ID, outcome: "added" },
          { id: NEW_API_ID, outcome: "already_tracked" },
        ],
        added: 1,
        alreadyTracked: 1,
        invalid: 0,
      },
    });
    vi.stubGlobal("fetch", server.fetch);
    const { user } = renderWithQueries(<AddTasksDialog demo={false} shortcut />);

    await user.keyboard("a");
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByLabelText("Task ids"), `${ID}, nope ${NEW_API_ID} ${ID}`);
    expect(within(dialog).getByTestId("id-count").textContent).toBe("3 ids: 2 valid, 1 not valid (not sent).");
    expect(within(dialog).getByRole("list", { name: "Ids that are not valid" }).textContent).toContain("nope");
    await user.type(within(dialog).getByLabelText(/^Label/), "Spring");
    await user.click(within(dialog).getByRole("button", { name: "Track 2 valid ids" }));

    await vi.waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(server.calls).toEqual([
      { url: "/api/tasks", method: "POST", body: { ids: [ID, NEW_API_ID], label: "Spring" } },
    ]);
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

  it("sends nothing when no id is valid or the label is refused, and shows per-id results otherwise", async () => {
    const server = fakeFetch({
      status: 200,
      body: {
        results: [{ id: "bad-two", outcome: "invalid", reason: "Refused by the server." }],
        added: 0,
        alreadyTracked: 0,
        invalid: 1,
      },
    });
    vi.stubGlobal("fetch", server.fetch);
    const { user } = renderWithQueries(<AddTasksDialog demo />);
    await user.click(screen.getByRole("button", { name: /Add tasks/ }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/any well-formed id becomes a new simulated task/)).toBeTruthy();
    await user.type(within(dialog).getByLabelText("Task ids"), "bad-one");
    expect(within(dialog).getByRole("button", { name: "Track 0 valid ids" }).hasAttribute("disabled")).toBe(true);
    expect(within(dialog).getByText(/Not valid: A task id is asyntask_/)).toBeTruthy();

    await user.clear(within(dialog).getByLabelText("Task ids"));
    await user.type(within(dialog).getByLabelText("Task ids"), ID);
    await user.click(within(dialog).getByLabelText(/^Label/));
    await user.paste("bell\u0007");
    expect(within(dialog).getByRole("alert").textContent).toMatch(/control characters/);
    expect(within(dialog).getByRole("button", { name: "Track 1 valid id" }).hasAttribute("disabled")).toBe(true);

    await user.clear(within(dialog).getByLabelText(/^Label/));
    await user.click(within(dialog).getByRole("button", { name: "Track 1 valid id" }));
    expect(await within(dialog).findByText(/Not valid: Refused by the server/)).toBeTruthy();
    expect(server.calls).toHaveLength(1);
  });
});
