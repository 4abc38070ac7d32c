import { describe, expect, it } from "vitest";

import { checkTaskId, extractTaskId, sameTaskId, shortTaskId, splitPastedIds } from "@/lib/happyhorse/task-id";

const SEED = "asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya";
const NEW_API = "task_NeZDhfDeo4heZr75LOequdV3KvYhPBCK";
const UUID = "e45a6a1b-6f05-43e5-ab06-ddfdc97587a7";

describe("checkTaskId", () => {
  it.each([SEED, NEW_API, "task_a1", UUID])("accepts %s", (id) => {
    expect(checkTaskId(id)).toEqual({ ok: true, id });
  });

  it("reads a DashScope UUID in capitals as the same id", () => {
    expect(checkTaskId(UUID.toUpperCase())).toEqual({ ok: true, id: UUID });
    expect(sameTaskId(UUID, UUID.toUpperCase())).toBe(true);
    expect(sameTaskId(SEED, SEED.toLowerCase())).toBe(false);
  });

  it.each([
    ["../../dashboard/billing/usage", "A task id is"],
    ["asyntask_../../dashboard/billing/usage", "only letters"],
    ["task_../../dashboard", "only letters"],
    ["asyntask_abc/def", "only letters"],
    ["task_abc%2F..", "only letters"],
    ["asyntask_abc def", "only letters"],
    ["asyntask_abc\n", "only letters"],
    ["asyntask_abc.def", "only letters"],
    ["asyntask_abc\\def", "only letters"],
    ["asyntask_ａｂｃ", "only letters"],
    ["task_abc\u0000", "only letters"],
    ["ASYNTASK_abc", "A task id is"],
    ["TASK_abc", "A task id is"],
    ["tasks_abc", "A task id is"],
    ["asyntask_", "Nothing follows"],
    ["task_", "Nothing follows"],
    ["e45a6a1b-6f05-43e5-ab06-ddfdc97587a", "A task id is"],
    ["e45a6a1b-6f05-43e5-ab06-ddfdc97587a7/../x", "A task id is"],
    ["g45a6a1b-6f05-43e5-ab06-ddfdc97587a7", "A task id is"],
    ["e45a6a1b6f0543e5ab06ddfdc97587a7", "A task id is"],
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

describe("extractTaskId (the Go to task box)", () => {
  it.each([
    [`  ${NEW_API} `, NEW_API],
    [`https://paddock.example/tasks/${SEED}`, SEED],
    [`http://127.0.0.1:3000/tasks/${UUID}?tab=raw`, UUID],
    [`https://www.anyfast.ai/v1/video/generations/${NEW_API}`, NEW_API],
    [`https://gw.example/proxy/v1/video/generations/${SEED}/`, SEED],
  ])("reads %j", (input, id) => {
    expect(extractTaskId(input)).toEqual({ ok: true, id });
  });

  it("refuses a link that does not end in an id, and plain junk", () => {
    const link = extractTaskId("https://www.anyfast.ai/dashboard/billing/usage");
    expect(link.ok).toBe(false);
    if (!link.ok) expect(link.reason).toContain("does not end in a task id");
    expect(extractTaskId("https://x.example/tasks/..%2F..%2Fdashboard").ok).toBe(false);
    expect(extractTaskId("not an id").ok).toBe(false);
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
  it("keeps both ends of a long id, whatever its form", () => {
    expect(shortTaskId(SEED)).toBe("jwgf…s6ya");
    expect(shortTaskId(NEW_API)).toBe("NeZD…PBCK");
    expect(shortTaskId(UUID)).toBe("e45a…87a7");
    expect(shortTaskId("asyntask_short")).toBe("short");
  });
});
