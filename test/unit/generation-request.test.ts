import { describe, expect, it } from "vitest";

import { createBody } from "@/lib/generations/create-body";
import { fieldErrors, generationRequestSchema, PROMPT_MAX, promptLength } from "@/lib/generations/request";
import { interpretCreateAnswer } from "@/lib/happyhorse/client";

const base = { prompt: "A horse", resolution: "720P", duration: 5 };

function errorsOf(input: unknown) {
  const parsed = generationRequestSchema.safeParse(input);
  return parsed.success ? {} : fieldErrors(parsed.error.issues);
}

describe("a generation request, kind by kind", () => {
  it("takes each kind with its own inputs, and fills the defaults", () => {
    expect(generationRequestSchema.parse({ kind: "t2v", ...base, ratio: "9:16" })).toEqual({
      kind: "t2v",
      ...base,
      ratio: "9:16",
      seed: null,
      watermark: false,
    });
    expect(errorsOf({ kind: "i2v", ...base, image: "https://example.com/a.png" })).toEqual({});
    expect(errorsOf({ kind: "r2v", ...base, ratio: "1:1", images: ["https://example.com/a.png"] })).toEqual({});
    expect(errorsOf({ kind: "edit", ...base, video: "https://example.com/a.mp4", seed: 42 })).toEqual({});
  });

  it("puts each message next to its field", () => {
    expect(errorsOf({ kind: "t2v", ...base })).toHaveProperty("ratio");
    expect(errorsOf({ kind: "t2v", ...base, ratio: "16:9", duration: 2 }).duration).toMatch(/3 to 15/);
    expect(errorsOf({ kind: "t2v", ...base, ratio: "16:9", prompt: "   " }).prompt).toBe("Write a prompt.");
    expect(errorsOf({ kind: "t2v", ...base, ratio: "16:9", seed: -1 }).seed).toMatch(/0 or more/);
    expect(errorsOf({ kind: "i2v", ...base, image: "ftp://example.com/a.png" }).image).toMatch(/https/);
    expect(errorsOf({ kind: "i2v", ...base, image: "https://user:pw@example.com/a.png" }).image).toMatch(/password/);
    expect(errorsOf({ kind: "r2v", ...base, ratio: "1:1", images: [] }).images).toMatch(/at least one/);
    const four = Array.from({ length: 4 }, (_, i) => `https://example.com/${i}.png`);
    expect(errorsOf({ kind: "r2v", ...base, ratio: "1:1", images: four }).images).toMatch(/At most 3/);
    expect(errorsOf({ kind: "r2v", ...base, ratio: "1:1", images: ["https://a.example/x", "nope"] })).toHaveProperty(
      "images.1",
    );
    expect(errorsOf({ kind: "edit", ...base, resolution: "4K", video: "https://example.com/a.mp4" })).toHaveProperty(
      "resolution",
    );
    expect(errorsOf({ kind: "sideways", ...base })).toHaveProperty("kind");
  });

  it("counts a prompt as the gateway does: a Chinese character is one", () => {
    expect(promptLength("马到成功")).toBe(4);
    expect(errorsOf({ kind: "t2v", ...base, ratio: "16:9", prompt: "马".repeat(PROMPT_MAX) })).toEqual({});
    expect(errorsOf({ kind: "t2v", ...base, ratio: "16:9", prompt: "马".repeat(PROMPT_MAX + 1) })).toHaveProperty(
      "prompt",
    );
  });

  it("builds the reference body from one typed request", () => {
    const request = generationRequestSchema.parse({
      kind: "r2v",
      ...base,
      ratio: "1:1",
      images: ["https://example.com/a.png"],
      seed: 7,
      watermark: true,
    });
    expect(createBody(request)).toEqual({
      model: "happyhorse-1.0-r2v",
      prompt: "A horse",
      images: ["https://example.com/a.png"],
      parameters: { resolution: "720P", ratio: "1:1", duration: 5, watermark: true, seed: 7 },
    });
  });
});

describe("the gateway's answer to a creation", () => {
  it("finds the new task's id wherever a gateway puts it", () => {
    const id = "asyntask_abcdefghijklmnopqrstuvwxyz012345";
    for (const body of [
      { code: "success", data: { task_id: id } },
      { data: { id } },
      { task_id: id },
      { id: "task_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", object: "video" },
    ]) {
      const result = interpretCreateAnswer(200, null, JSON.stringify(body));
      expect(result.ok, JSON.stringify(body)).toBe(true);
    }
    expect(interpretCreateAnswer(200, null, JSON.stringify({ data: { task_id: "../../billing" } })).ok).toBe(false);
  });

  it("names a refusal: the key, the account, a rate limit, bad input, an outage", () => {
    const refusal = (status: number, body: unknown) => {
      const result = interpretCreateAnswer(status, "3", JSON.stringify(body));
      return result.ok ? null : { code: result.error.code, upstream: result.upstreamCode };
    };
    expect(refusal(401, { error: { message: "Invalid token" } })?.code).toBe("unauthorized");
    expect(refusal(403, { error: { message: "Arrearage: balance too low", code: "Arrearage" } })).toEqual({
      code: "upstream_error",
      upstream: "Arrearage",
    });
    expect(refusal(429, { error: { message: "Too many requests" } })?.code).toBe("rate_limited");
    expect(
      refusal(400, { error: { message: "may contain inappropriate content", code: "DataInspectionFailed" } }),
    ).toEqual({ code: "upstream_error", upstream: "DataInspectionFailed" });
    expect(refusal(502, { error: { message: "bad gateway" } })?.code).toBe("unavailable");
    // Words about tokens name the key only with a 401 or 403.
    expect(refusal(400, { error: { message: "prompt exceeds max tokens", code: "InvalidParameter" } })?.code).toBe(
      "upstream_error",
    );
    expect(interpretCreateAnswer(200, null, "<html>oops</html>").ok).toBe(false);
  });
});
