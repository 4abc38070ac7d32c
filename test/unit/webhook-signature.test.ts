import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { newWebhookSecret, signatureHeader } from "@/lib/server/webhooks/signature";
import { verifyPaddockSignature } from "@/lib/webhooks/verify-signature";

const SECRET = "whsec_unit_test_secret";
const BODY = '{"id":"evt_7","type":"task.succeeded"}';
const NOW = 1_796_000_000;

describe("webhook signatures", () => {
  it("signs `${timestamp}.${body}` with HMAC-SHA256, hex, as v1=", () => {
    const expected = createHmac("sha256", SECRET).update(`${NOW}.${BODY}`).digest("hex");
    expect(signatureHeader(SECRET, NOW, BODY)).toBe(`v1=${expected}`);
  });

  it("verifies what Paddock signed, and nothing else", () => {
    const signature = signatureHeader(SECRET, NOW, BODY);
    const verify = (
      overrides: Partial<{ secret: string; body: string; timestamp: string | null; signature: string | null }>,
    ) =>
      verifyPaddockSignature(
        overrides.secret ?? SECRET,
        overrides.body ?? BODY,
        overrides.timestamp === undefined ? String(NOW) : overrides.timestamp,
        overrides.signature === undefined ? signature : overrides.signature,
        300,
        NOW + 10,
      );
    expect(verify({})).toBe(true);
    expect(verify({ body: BODY.replace("7", "8") })).toBe(false);
    expect(verify({ secret: "whsec_other" })).toBe(false);
    expect(verify({ timestamp: String(NOW + 1) })).toBe(false);
    expect(verify({ timestamp: null })).toBe(false);
    expect(verify({ timestamp: "12ab" })).toBe(false);
    expect(verify({ signature: null })).toBe(false);
    expect(verify({ signature: signature.slice(3) })).toBe(false);
    expect(verify({ signature: `v2=${signature.slice(3)}` })).toBe(false);
    expect(verify({ signature: "v1=zz" })).toBe(false);
  });

  it("refuses a timestamp outside the tolerance (a replay)", () => {
    const signature = signatureHeader(SECRET, NOW, BODY);
    expect(verifyPaddockSignature(SECRET, BODY, String(NOW), signature, 300, NOW + 300)).toBe(true);
    expect(verifyPaddockSignature(SECRET, BODY, String(NOW), signature, 300, NOW + 301)).toBe(false);
    expect(verifyPaddockSignature(SECRET, BODY, String(NOW), signature, 300, NOW - 301)).toBe(false);
  });

  it("makes secrets that are long, random and recognizable", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it("documents in the README the very code it tests", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const block = /<!-- verify-snippet:start -->\s*```ts\n([\s\S]*?)```\s*<!-- verify-snippet:end -->/.exec(readme);
    const source = readFileSync(path.join(root, "lib/webhooks/verify-signature.ts"), "utf8");
    expect(block?.[1]).toBe(source);
  });
});
