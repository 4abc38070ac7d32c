import { describe, expect, it } from "vitest";
import { z } from "zod/mini";

import { taskResponseSchema } from "@/lib/api/task-schemas";
import { lazySchema } from "@/lib/lazy-schema";
import { boardQuerySchema, DEFAULT_BOARD_QUERY } from "@/lib/tasks/board-query";

describe("lazySchema", () => {
  it("builds its schema once, on first use, and parses as the schema itself", () => {
    let builds = 0;
    const inner = lazySchema(() => {
      builds += 1;
      return z.object({ n: z.number() });
    });
    const outer = lazySchema(() => z.object({ inner, list: z.array(inner) }));
    expect(builds).toBe(0);
    expect(z.safeParse(outer, { inner: { n: 1 }, list: [{ n: 2 }] }).success).toBe(true);
    expect(z.safeParse(outer, { inner: { n: "1" }, list: [] }).success).toBe(false);
    expect(inner.parse({ n: 3 })).toEqual({ n: 3 });
    expect(z.extend(inner, { m: z.string() }).parse({ n: 1, m: "x" })).toEqual({ n: 1, m: "x" });
    expect(builds).toBe(1);
  });

  it("refuses what the API's own schemas refuse", () => {
    expect(z.safeParse(taskResponseSchema, { task: null }).success).toBe(false);
  });
});

describe("DEFAULT_BOARD_QUERY", () => {
  it("is what the board's schema makes of no filters", () => {
    expect(DEFAULT_BOARD_QUERY).toEqual(boardQuerySchema.parse({}));
  });
});
