import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type * as React from "react";
import { afterEach, vi } from "vitest";

// Every component test starts from an empty document and the real fetch.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Renders a client component with a fresh query client, as the app's providers would. */
export function renderWithQueries(ui: React.ReactElement) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const user = userEvent.setup();
  return { user, queryClient, ...render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>) };
}

/** A fetch stand-in that answers each call with the next JSON answer and records the requests. */
export function fakeFetch(...answers: Array<{ status: number; body?: unknown }>) {
  const calls: Array<{ url: string; method: string; body: unknown }> = [];
  const queue = [...answers];
  const fetch = async (input: string, init?: RequestInit) => {
    calls.push({
      url: input,
      method: init?.method ?? "GET",
      body: typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined,
    });
    const answer = queue.shift() ?? { status: 500, body: { error: { code: "internal_error", message: "no answer" } } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "Content-Type": "application/json" },
    });
  };
  return { fetch, calls };
}
