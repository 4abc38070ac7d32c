import { type NextRequest, NextResponse } from "next/server";

import { parseEnv } from "@/lib/env-schema";
import { contentSecurityPolicy } from "@/lib/security/csp";

/**
 * Gives every page a fresh CSP nonce (Next puts it on its own inline scripts) and a request id.
 * Access is checked by the pages and route handlers themselves, not here.
 */

let videoHosts: string[] | null = null;

function configuredVideoHosts(): string[] {
  if (videoHosts) return videoHosts;
  const result = parseEnv(process.env);
  videoHosts = result.ok ? result.env.videoHosts : ["https://*.aliyuncs.com"];
  return videoHosts;
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, configuredVideoHosts(), process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  // Where to come back to after signing in; the sign-in page accepts only a local path.
  requestHeaders.set("x-paddock-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api|_next/static|_next/image|icon.svg|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
