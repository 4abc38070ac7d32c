import { z } from "zod/mini";

import { lazySchema } from "@/lib/lazy-schema";

/** The presigned result link: valid 24 h, with `Expires=<unix seconds>` on OSS links. */

export const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

export const LINK_EXPIRY_SOURCES = ["signature", "finish+24h", "unknown"] as const;
export type LinkExpirySource = (typeof LINK_EXPIRY_SOURCES)[number];

export const videoLinkSchema = lazySchema(() =>
  z.object({
    url: z.string(),
    expiresAt: z.nullable(z.number()),
    expiresSource: z.enum(LINK_EXPIRY_SOURCES),
    expired: z.boolean(),
    /**
     * On a configured video host over https (what the CSP's media-src allows): only then is it
     * played or offered for download. Set by the server, which knows the hosts; false until then.
     */
    allowed: z.boolean(),
  }),
);
export type VideoLink = z.infer<typeof videoLinkSchema>;

/** Reads `Expires=` from the query; the documented placeholder (`Expires=...`) gives null. */
export function expiresFromUrl(url: string): number | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const raw = parsed.searchParams.get("Expires") ?? parsed.searchParams.get("x-oss-expires");
  if (!raw || !/^\d{9,11}$/.test(raw)) return null;
  return Number(raw) * 1000;
}

export function describeVideoLink(url: string, finishedAt: number | null, now: number): VideoLink {
  const signed = expiresFromUrl(url);
  const expiresAt = signed ?? (finishedAt === null ? null : finishedAt + LINK_LIFETIME_MS);
  const expiresSource: LinkExpirySource = signed !== null ? "signature" : expiresAt !== null ? "finish+24h" : "unknown";
  return { url, expiresAt, expiresSource, expired: isLinkExpired(expiresAt, now), allowed: false };
}

export function isLinkExpired(expiresAt: number | null, now: number): boolean {
  return expiresAt !== null && expiresAt <= now;
}

/** Query parameters that make a presigned link a credential, in the OSS and S3 spellings. */
export const SIGNED_URL_PARAMS = [
  "Signature",
  "OSSAccessKeyId",
  "security-token",
  "x-oss-signature",
  "x-oss-credential",
  "x-oss-security-token",
  "X-Amz-Signature",
  "X-Amz-Credential",
  "X-Amz-Security-Token",
] as const;

const SIGNED_NAMES = new Set(SIGNED_URL_PARAMS.map((name) => name.toLowerCase()));
const SIGNED_PARAM_IN_TEXT = new RegExp(`([?&](?:${SIGNED_URL_PARAMS.join("|")})=)[^&#\\s"'\\\\]*`, "gi");

/** Every signed-URL credential in a text (a log line, a message) replaced. */
export function redactSignatures(text: string): string {
  return text.replace(SIGNED_PARAM_IN_TEXT, "$1REDACTED");
}

/** The link with its credentials replaced, safe for logs and support tickets. */
export function redactSignedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactSignatures(url);
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SIGNED_NAMES.has(name.toLowerCase())) parsed.searchParams.set(name, "REDACTED");
  }
  return parsed.toString();
}
