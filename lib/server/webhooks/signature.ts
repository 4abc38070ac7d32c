import "server-only";

import { createHmac, randomBytes } from "node:crypto";

/**
 * Signs a JSON event: `v1=` and the hex HMAC-SHA256 of `${timestamp}.${body}` with the endpoint's
 * secret, the timestamp in unix seconds. Receivers check it with `verifyPaddockSignature`
 * (lib/webhooks/verify-signature.ts, also in the README).
 */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** A new endpoint's signing secret, shown once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}
