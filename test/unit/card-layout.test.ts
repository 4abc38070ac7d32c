import { describe, expect, it } from "vitest";

import { CARDS_PER_BLOCK, firstBlockCards, isPhoneRequest, PHONE_FIRST_CARDS } from "@/lib/tasks/card-layout";

import { DESKTOP_UA, IPAD_UA, IPHONE_UA, PHONE_UA } from "../support/user-agents";

const request = (entries: Record<string, string>) => new Headers(entries);

describe("the first block's cards for a request", () => {
  it("reads the client hint where the browser sends it", () => {
    expect(isPhoneRequest(request({ "sec-ch-ua-mobile": "?1", "user-agent": DESKTOP_UA }))).toBe(true);
    // The hint wins over the user agent: a desktop site asked for on a phone says ?0.
    expect(isPhoneRequest(request({ "sec-ch-ua-mobile": "?0", "user-agent": PHONE_UA }))).toBe(false);
    expect(isPhoneRequest(request({ "sec-ch-ua-mobile": " ?1 " }))).toBe(true);
  });

  it("falls back on the user agent's Mobi token (Safari and Firefox send no hint)", () => {
    expect(isPhoneRequest(request({ "user-agent": IPHONE_UA }))).toBe(true);
    expect(isPhoneRequest(request({ "user-agent": PHONE_UA }))).toBe(true);
    expect(isPhoneRequest(request({ "user-agent": IPAD_UA }))).toBe(false);
    expect(isPhoneRequest(request({ "user-agent": DESKTOP_UA }))).toBe(false);
    expect(isPhoneRequest(request({}))).toBe(false);
  });

  it("renders a whole block but on a phone", () => {
    expect(firstBlockCards(request({ "user-agent": DESKTOP_UA }))).toBe(CARDS_PER_BLOCK);
    expect(firstBlockCards(request({ "sec-ch-ua-mobile": "?1" }))).toBe(PHONE_FIRST_CARDS);
    expect(PHONE_FIRST_CARDS).toBeLessThan(CARDS_PER_BLOCK);
  });
});
