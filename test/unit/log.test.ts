import { afterEach, describe, expect, it, vi } from "vitest";

import { logEvent, registerSecret, scrub } from "@/lib/server/log";

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
