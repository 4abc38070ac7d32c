/**
 * The Content Security Policy: scripts only from Paddock itself (nonce for Next's inline ones),
 * connections only to Paddock, videos from Paddock and the configured video hosts, images from
 * Paddock or over https (previews of a generation's inputs), no framing.
 */
export function contentSecurityPolicy(nonce: string, videoHosts: readonly string[], development: boolean): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes come from server-rendered widths (progress bars) and from libraries.
    "style-src 'self' 'unsafe-inline'",
    // https images: the new-generation form previews the input images a creator links to.
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    `media-src 'self' ${videoHosts.join(" ")}`.trim(),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** Headers every answer carries, pages and API alike. */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Presigned video links must not leak to other sites through the Referer header.
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    // No `bluetooth`: Chromium knows no such policy feature and warns about it on every page.
    value:
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), midi=(), " +
      "display-capture=(), browsing-topics=(), fullscreen=(self)",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
] as const;
