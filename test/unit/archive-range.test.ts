import { describe, expect, it } from "vitest";

import { parseRange } from "@/lib/server/archive/archived-video";
import { formatBytes } from "@/lib/tasks/bytes";

describe("byte ranges of a saved video (RFC 9110)", () => {
  it("reads a closed, an open and a suffix range", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange("bytes=900-", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=-5000", 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange("bytes=990-5000", 1000)).toEqual({ start: 990, end: 999 });
  });

  it("says a range past the end cannot be served", () => {
    expect(parseRange("bytes=1000-", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 1000)).toBe("unsatisfiable");
  });

  it("serves the whole file for what it does not read: none, several, another unit, garbage, a stale If-Range", () => {
    for (const header of [null, "bytes=0-1,5-9", "items=0-9", "bytes=a-b", "bytes=-", "bytes=9-3"]) {
      expect(parseRange(header, 1000)).toBeNull();
    }
    expect(parseRange("bytes=0-9", 1000, '"old"', "new")).toBeNull();
    expect(parseRange("bytes=0-9", 1000, '"new"', "new")).toEqual({ start: 0, end: 9 });
  });
});

describe("sizes for people", () => {
  it("uses the unit that reads best", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(62_000)).toBe("61 KB");
    expect(formatBytes(5_000)).toBe("4.9 KB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3 GB");
    expect(formatBytes(1.25 * 1024 ** 2)).toBe("1.3 MB");
  });
});
