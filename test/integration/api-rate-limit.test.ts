import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { from, type Harness, startHarness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ PADDOCK_API_RATE_PER_MINUTE: "20" });
});
afterAll(async () => {
  await h.close();
});

describe("Paddock's own API rate limit", () => {
  it("answers 429 with Retry-After once a client exceeds its budget (a forged X-Forwarded-For changes nothing), other clients unaffected", async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 15; i += 1) {
      const response = await h.request("GET", "/api/tasks", undefined, {
        ...from("198.51.100.1"),
        "X-Forwarded-For": `203.0.113.${i}`,
      });
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
    }
    // A burst of half a minute's budget (10), then refusals.
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited?.json()) as { error: { code: string } }).error.code).toBe("rate_limited");

    const other = await h.request("GET", "/api/tasks", undefined, from("198.51.100.2"));
    expect(other.status).toBe(200);
  });
});
