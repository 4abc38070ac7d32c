import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Checks a Paddock webhook on the receiving side: `body` is the raw request body (as text, before
 * any JSON parsing), `timestamp` and `signature` the Paddock-Timestamp and Paddock-Signature
 * headers. Refuses a timestamp more than `toleranceSeconds` away from now (a replayed request).
 */
export function verifyPaddockSignature(
  secret: string,
  body: string,
  timestamp: string | null,
  signature: string | null,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const match = /^v1=([0-9a-f]{64})$/.exec(signature ?? "");
  if (!match?.[1]) return false;
  const expected = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest();
  return timingSafeEqual(Buffer.from(match[1], "hex"), expected);
}
