// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { LabelEditor } from "@/components/tasks/label-editor";

import { fakeFetch, renderWithQueries } from "./render";

const ID = "asyntask_labelled1";

describe("the label editor", () => {
  it("edits on press, saves on Enter and invalidates the task queries", async () => {
    const server = fakeFetch({ status: 200, body: { id: ID, label: "Northwind" } });
    vi.stubGlobal("fetch", server.fetch);
    const { user, queryClient } = renderWithQueries(<LabelEditor id={ID} label="Ada" />);
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");

    await user.click(screen.getByRole("button", { name: "Ada: edit label" }));
    const input = screen.getByLabelText("Label");
    expect(document.activeElement).toBe(input);
    await user.clear(input);
    await user.type(input, "  Northwind {Enter}");

    await vi.waitFor(() => expect(screen.queryByLabelText("Label")).toBeNull());
    expect(server.calls).toEqual([{ url: `/api/tasks/${ID}`, method: "PATCH", body: { label: "Northwind" } }]);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["tasks"] });
  });

  it("cancels with Escape, and clears with an empty label", async () => {
    const server = fakeFetch({ status: 200, body: { id: ID, label: null } });
    vi.stubGlobal("fetch", server.fetch);
    const { user } = renderWithQueries(<LabelEditor id={ID} label="Ada" />);

    await user.click(screen.getByRole("button", { name: /edit label/ }));
    await user.type(screen.getByLabelText("Label"), " and Bob{Escape}");
    expect(screen.queryByLabelText("Label")).toBeNull();
    expect(server.calls).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: /edit label/ }));
    await user.clear(screen.getByLabelText("Label"));
    await user.keyboard("{Enter}");
    await vi.waitFor(() => expect(server.calls).toHaveLength(1));
    expect(server.calls[0]?.body).toEqual({ label: null });
  });

  it("refuses control characters before sending and shows the server's refusal", async () => {
    const server = fakeFetch({
      status: 404,
      body: { error: { code: "not_tracked", message: "Paddock is not tracking it." } },
    });
    vi.stubGlobal("fetch", server.fetch);
    const { user } = renderWithQueries(<LabelEditor id={ID} label={null} />);

    await user.click(screen.getByRole("button", { name: "Add label" }));
    await user.paste("bell\u0007");
    expect(screen.getByRole("alert").textContent).toMatch(/control characters/);
    await user.keyboard("{Enter}");
    expect(server.calls).toHaveLength(0);

    await user.clear(screen.getByLabelText("Label"));
    await user.type(screen.getByLabelText("Label"), "Bob{Enter}");
    expect((await screen.findByRole("alert")).textContent).toBe("Paddock is not tracking it.");
  });
});
