// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { DeliveryLog } from "@/components/settings/delivery-log";
import { WebhookForm } from "@/components/settings/webhook-form";
import { WebhookList } from "@/components/settings/webhook-list";

import { fakeFetch, renderWithQueries } from "./render";

const ENDPOINT = {
  id: "whk_AAAAAAAAAAAA",
  name: "Render farm",
  kind: "json",
  url: "https://hooks.example.com/paddock",
  labels: ["Ada"],
  outcomes: ["succeeded", "failed"],
  enabled: true,
  readOnly: false,
  signed: true,
  createdAt: 1,
};

describe("the webhook settings", () => {
  beforeEach(() => {
    // Radix's checkbox measures itself; jsdom has no ResizeObserver.
    vi.stubGlobal(
      "ResizeObserver",
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
  });

  it("adds an endpoint from the keyboard and shows its secret once", async () => {
    const server = fakeFetch({ status: 201, body: { endpoint: ENDPOINT, secret: "whsec_shown_once_123" } });
    vi.stubGlobal("fetch", server.fetch);
    const { user } = renderWithQueries(<WebhookForm />);

    await user.type(screen.getByLabelText("Name"), "Render farm");
    await user.selectOptions(screen.getByLabelText("Kind"), "json");
    await user.type(screen.getByLabelText("URL"), "https://hooks.example.com/paddock");
    await user.click(screen.getByRole("checkbox", { name: "gave up watching" }));
    await user.type(screen.getByLabelText(/^Labels/), "Ada, {Enter}");

    await vi.waitFor(() =>
      expect(screen.getByTestId("new-webhook-secret").textContent).toContain("whsec_shown_once_123"),
    );
    expect(server.calls[0]).toEqual({
      url: "/api/webhooks",
      method: "POST",
      body: {
        name: "Render farm",
        kind: "json",
        url: "https://hooks.example.com/paddock",
        labels: ["Ada"],
        outcomes: ["succeeded", "failed"],
      },
    });
    expect(screen.getByLabelText("Name")).toHaveProperty("value", "");
  });

  it("shows the server's reason beside the field it is about", async () => {
    const server = fakeFetch({
      status: 400,
      body: {
        error: {
          code: "invalid_body",
          message: "Send …",
          details: { formErrors: [], fieldErrors: { url: ["A webhook URL starts with https:// (or http://)."] } },
        },
      },
    });
    vi.stubGlobal("fetch", server.fetch);
    const { user } = renderWithQueries(<WebhookForm />);
    await user.type(screen.getByLabelText("Name"), "x");
    await user.type(screen.getByLabelText("URL"), "https://e.com");
    await user.click(screen.getByRole("button", { name: "Add endpoint" }));
    await vi.waitFor(() => expect(screen.getByText(/starts with https/)).toBeTruthy());
    expect(screen.getByLabelText("URL").getAttribute("aria-invalid")).toBe("true");
  });

  it("lists endpoints with their filters, and says when there are none", async () => {
    const env = { ...ENDPOINT, id: "env-slack", name: "PADDOCK_SLACK_WEBHOOK_URL", kind: "slack", readOnly: true };
    vi.stubGlobal("fetch", fakeFetch({ status: 200, body: { endpoints: [env, ENDPOINT] } }).fetch);
    renderWithQueries(<WebhookList />);
    const list = await screen.findByRole("list", { name: "Webhook endpoints" });
    const items = within(list).getAllByRole("listitem");
    expect(items[0]?.textContent).toContain("from the environment");
    expect(within(items[0] as HTMLElement).queryByRole("switch")).toBeNull();
    expect(within(items[1] as HTMLElement).getByRole("switch", { name: "Send events to “Render farm”" })).toBeTruthy();
    expect(items[1]?.textContent).toContain("labels Ada");
  });

  it("has an empty state for the list and the log", async () => {
    vi.stubGlobal(
      "fetch",
      fakeFetch({ status: 200, body: { endpoints: [] } }, { status: 200, body: { deliveries: [] } }).fetch,
    );
    renderWithQueries(
      <>
        <WebhookList />
        <DeliveryLog />
      </>,
    );
    expect(await screen.findByText("No endpoints yet")).toBeTruthy();
    expect(await screen.findByText(/Nothing sent yet/)).toBeTruthy();
  });

  it("shows each delivery attempt with its answer", async () => {
    const delivery = {
      id: "d1",
      at: Date.UTC(2026, 11, 1, 10),
      eventId: "evt_42",
      endpointId: ENDPOINT.id,
      endpointName: "Render farm",
      taskId: "asyntask_abc",
      attempt: 2,
      status: 500,
      error: "HTTP 500",
      durationMs: 120,
      result: "retrying",
    };
    vi.stubGlobal("fetch", fakeFetch({ status: 200, body: { deliveries: [delivery] } }).fetch);
    renderWithQueries(<DeliveryLog />);
    const table = await screen.findByRole("table", { name: "Delivery log" });
    const row = within(table).getAllByRole("row")[1];
    expect(row?.textContent).toContain("evt_42");
    expect(row?.textContent).toContain("HTTP 500");
    expect(row?.textContent).toContain("will retry");
    expect(
      within(row as HTMLElement)
        .getByRole("link", { name: "asyntask_abc" })
        .getAttribute("href"),
    ).toBe("/tasks/asyntask_abc");
  });
});
