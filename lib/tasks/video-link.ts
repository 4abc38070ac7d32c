/** The presigned result link: valid 24 h, with `Expires=<unix seconds>` on OSS links. */

export const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type LinkExpirySource = "signature" | "finish+24h" | "unknown";

export interface VideoLink {
  url: string;
  expiresAt: number | null;
  expiresSource: LinkExpirySource;
  expired: boolean;
}

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
  return { url, expiresAt, expiresSource, expired: isLinkExpired(expiresAt, now) };
}

export function isLinkExpired(expiresAt: number | null, now: number): boolean {
  return expiresAt !== null && expiresAt <= now;
}

const SIGNATURE_PARAMS = ["Signature", "OSSAccessKeyId", "security-token", "x-oss-signature", "x-oss-credential"];

/** The link with its credentials replaced, safe for logs and support tickets. */
export function redactSignedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/([?&](?:Signature|OSSAccessKeyId|security-token)=)[^&#\s]*/gi, "$1REDACTED");
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SIGNATURE_PARAMS.some((secret) => secret.toLowerCase() === name.toLowerCase())) {
      parsed.searchParams.set(name, "REDACTED");
    }
  }
  return parsed.toString();
}
