import { describe, expect, it } from "vitest";

import { startHarness } from "./harness";

/** Without sign-in there are no personal tokens: the relay stays off unless the operator's token is set. */

describe("the relay without sign-in", () => {
  it("is off unless a token is configured", async () => {
    const open = await startHarness();
    try {
      const response = await open.request("GET", "/v1/video/generations/asyntask_abc", undefined, {
        authorization: "Bearer anything",
      });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain("relay is off");
    } finally {
      await open.close();
    }
  });
});

describe("the relay with only the operator's token", () => {
  it("takes that token and nothing else", async () => {
    const open = await startHarness({ PADDOCK_API_TOKEN: "operator-token-0123456789" });
    try {
      const ask = (token: string) =>
        open.request("GET", "/v1/video/generations/asyntask_NotTracked", undefined, {
          authorization: `Bearer ${token}`,
        });
      expect((await ask("wrong-token-0123456789")).status).toBe(401);
      expect((await ask("operator-token-0123456789")).status).toBe(404);
    } finally {
      await open.close();
    }
  });
});
