import { describe, expect, it } from "vitest";

import { checkLabel } from "@/lib/tasks/label";

/** Labels read as what they are: no bidi tricks, no invisible characters, emoji sequences kept. */
describe("checkLabel", () => {
  it.each([
    ["spring campaign", "spring campaign"],
    ["  two   spaces  ", "two spaces"],
    ["市场部 · 春季", "市场部 · 春季"],
    ["👩‍💻 dev team", "👩‍💻 dev team"],
    ["🏳️‍🌈 pride", "🏳️‍🌈 pride"],
    ["", null],
  ])("accepts %j", (input, label) => {
    expect(checkLabel(input)).toEqual({ ok: true, label });
  });

  it.each([
    ["a right-to-left override", "invoice\u202Egpj.exe", /override/],
    ["a left-to-right isolate", "a\u2066b", /override/],
    ["a right-to-left mark", "a\u200Fb", /override/],
    ["the Arabic letter mark", "a\u061Cb", /override/],
    ["a zero-width space", "al\u200Bice", /invisible/],
    ["a zero-width joiner between letters", "al\u200Dice", /invisible/],
    ["a word joiner", "al\u2060ice", /invisible/],
    ["an invisible times", "al\u2062ice", /invisible/],
    ["a soft hyphen", "al\u00ADice", /invisible/],
    ["a Hangul filler", "alice\u3164", /invisible/],
    ["a control character", "a\u0007b", /control/],
  ])("refuses %s", (_, input, reason) => {
    const check = checkLabel(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });
});
