import { describe, expect, it } from "vitest";

import { checkTaskId, shortTaskId, splitPastedIds } from "@/lib/happyhorse/task-id";

describe("checkTaskId", () => {
  it("accepts the documented id", () => {
    expect(checkTaskId("asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya")).toEqual({
      ok: true,
      id: "asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya",
    });
  });

  it.each([
    ["../../dashboard/billing/usage", "starts with"],
    ["asyntask_../../dashboard/billing/usage", "only letters"],
    ["asyntask_abc/def", "only letters"],
    ["asyntask_abc%2F..", "only letters"],
    ["asyntask_abc def", "only letters"],
    ["asyntask_abc\n", "only letters"],
    ["asyntask_abc.def", "only letters"],
    ["asyntask_abc\\def", "only letters"],
    ["asyntask_ａｂｃ", "only letters"],
    ["asyntask_abc\u0000", "only letters"],
    ["ASYNTASK_abc", "starts with"],
    ["asyntask_", "Nothing follows"],
    ["", "empty"],
    [`asyntask_${"a".repeat(10_000)}`, "at most"],
  ])("refuses %j", (input, reason) => {
    const check = checkTaskId(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });

  it("refuses values that are not strings", () => {
    for (const value of [null, undefined, 42, {}, ["asyntask_a"]]) expect(checkTaskId(value).ok).toBe(false);
  });
});

describe("splitPastedIds", () => {
  it("splits any mix of spaces, commas and new lines, dropping empties and repeats", () => {
    expect(splitPastedIds(" asyntask_a, asyntask_b\n\nasyntask_c\tasyntask_a ,, ")).toEqual([
      "asyntask_a",
      "asyntask_b",
      "asyntask_c",
    ]);
    expect(splitPastedIds("  \n ,")).toEqual([]);
  });
});

describe("shortTaskId", () => {
  it("keeps both ends of a long id", () => {
    expect(shortTaskId("asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya")).toBe("jwgf…s6ya");
    expect(shortTaskId("asyntask_short")).toBe("short");
  });
});
