import { describe, expect, it } from "vitest";

import { formatAge, formatClock, formatDuration, span } from "@/lib/tasks/time";
import { expiresFromUrl, redactSignedUrl } from "@/lib/tasks/video-link";

describe("spans", () => {
  it("refuses spans with a missing end or a clock running backwards", () => {
    expect(span(null, 5)).toBeNull();
    expect(span(10, 5)).toBeNull();
    expect(span(5, 10)).toBe(5);
  });
});

describe("formatting", () => {
  it.each([
    [27, "27 ms"],
    [5_000, "5 s"],
    [16_815, "16.8 s"],
    [81_533, "81.5 s"],
    [99_000, "99 s"],
    [252_000, "4 min 12 s"],
    [3_600_000, "1 h"],
    [7_500_000, "2 h 5 min"],
    [97_200_000, "1 d 3 h"],
  ])("formatDuration(%d) = %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
  it("ticks in whole seconds", () => {
    expect(formatClock(6_600)).toBe("6 s");
    expect(formatClock(400)).toBe("0 s");
    expect(formatAge(500)).toBe("just now");
    expect(formatAge(12_900)).toBe("12 s ago");
  });
});

describe("signed links", () => {
  const url =
    "https://dashscope-a717.oss-accelerate.aliyuncs.com/1/a.mp4?Expires=1777430361&OSSAccessKeyId=LTAI5tXyz&Signature=q%2Bw%3D";
  it("reads Expires and ignores the documented placeholder", () => {
    expect(expiresFromUrl(url)).toBe(1777430361000);
    expect(expiresFromUrl("https://x.aliyuncs.com/a.mp4?Expires=...")).toBeNull();
    expect(expiresFromUrl("not a url")).toBeNull();
  });
  it("redacts signatures and keys but keeps the rest", () => {
    const redacted = redactSignedUrl(url);
    expect(redacted).not.toContain("q%2Bw");
    expect(redacted).not.toContain("LTAI5tXyz");
    expect(redacted).toContain("Expires=1777430361");
    expect(redacted).toContain("/1/a.mp4");
  });
});
