import "server-only";

import type { PaddockEnv } from "@/lib/env-schema";
import { addressPrincipal, API_TOKEN_PRINCIPAL, type Principal, TEAM_PRINCIPAL } from "@/lib/server/security/principal";
import {
  readCookie,
  secretsMatch,
  SESSION_COOKIE,
  sessionKey,
  verifySessionToken,
} from "@/lib/server/security/session";

/** Who may call Paddock: anyone when no password is set; else a signed-in session or the API token. */

export type AccessResult = { ok: true; principal: Principal } | { ok: false; reason: string };

export function accessEnabled(env: PaddockEnv): boolean {
  return env.access.password !== null;
}

export function checkAccess(env: PaddockEnv, request: Request, now = Date.now()): AccessResult {
  if (!accessEnabled(env)) return { ok: true, principal: addressPrincipal(clientKey(request)) };
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (token && env.access.apiToken && secretsMatch(token, env.access.apiToken))
      return { ok: true, principal: API_TOKEN_PRINCIPAL };
    return { ok: false, reason: "The API token is not valid." };
  }
  const key = sessionKey(env);
  const cookie = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (key && verifySessionToken(key, cookie, now)) return { ok: true, principal: TEAM_PRINCIPAL };
  return { ok: false, reason: cookie ? "The session has expired: sign in again." : "Sign in first." };
}

/** The client as far as Paddock can tell: the address the nearest proxy (or Next) recorded. */
export function clientKey(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  const nearest = forwarded?.split(",").at(-1)?.trim();
  return nearest && nearest.length <= 64 ? nearest : "unknown";
}
