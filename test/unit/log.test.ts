import { afterEach, describe, expect, it, vi } from "vitest";

import { logEvent, registerSecret, scrub } from "@/lib/server/log";
import { createSessionToken, verifySessionToken } from "@/lib/server/security/session";

afterEach(() => vi.restoreAllMocks());

describe("log scrubbing", () => {
  it("removes registered secrets, bearer tokens and URL signatures from every line", () => {
    registerSecret("sk-very-secret-key-123");
    const lines: string[] = [];
    vi.spyOn(console, "info").mockImplementation((line: string) => void lines.push(line));
    logEvent("info", "probe", {
      error: "Invalid token sk-very-secret-key-123",
      header: "Authorization: Bearer abc.def-ghi",
      url: "https://x.aliyuncs.com/a.mp4?Expires=1&OSSAccessKeyId=LTAI5tAbc&Signature=zzTopSecret%3D",
    });
    const line = lines[0] ?? "";
    expect(JSON.parse(line)).toMatchObject({ level: "info", event: "probe" });
    expect(line).not.toContain("sk-very-secret-key-123");
    expect(line).not.toContain("abc.def-ghi");
    expect(line).not.toContain("zzTopSecret");
    expect(line).not.toContain("LTAI5tAbc");
    expect(line).toContain("Expires=1");
  });

  it("leaves ordinary text alone", () => {
    expect(scrub("asyntask_abc refreshed in 12 ms")).toBe("asyntask_abc refreshed in 12 ms");
  });
});

describe("session tokens", () => {
  const key = Buffer.alloc(32, 7);
  it("verify until they expire, and not when tampered with or signed by another key", () => {
    const { token, expiresAt } = createSessionToken(key, 1000, 60_000);
    expect(expiresAt).toBe(61_000);
    expect(verifySessionToken(key, token, 2000)).toBe(true);
    expect(verifySessionToken(key, token, 61_000)).toBe(false);
    expect(verifySessionToken(Buffer.alloc(32, 8), token, 2000)).toBe(false);
    const [expiry, nonce, signature] = token.split(".");
    expect(verifySessionToken(key, `${Number(expiry) + 999_999}.${nonce}.${signature}`, 2000)).toBe(false);
    expect(verifySessionToken(key, "", 2000)).toBe(false);
    expect(verifySessionToken(key, "garbage", 2000)).toBe(false);
  });
});
