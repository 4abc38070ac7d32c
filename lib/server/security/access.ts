import "server-only";

import type { PaddockEnv } from "@/lib/env-schema";
import type { PaddockDb } from "@/lib/server/db";
import { clientAddress } from "@/lib/server/security/client-address";
import { findPersonalToken, looksLikePersonalToken } from "@/lib/server/security/people";
import { addressPrincipal, API_TOKEN_PRINCIPAL, type Principal } from "@/lib/server/security/principal";
import { passwordTag, readCookie, secretsMatch, SESSION_COOKIE } from "@/lib/server/security/session";
import { findSession } from "@/lib/server/security/session-store";

/**
 * Who may call Paddock: anyone when no sign-in is configured; else a session (shared password or
 * the identity provider), the operator's API token, or a personal API token.
 */

export type AccessResult = { ok: true; principal: Principal } | { ok: false; reason: string };

export function accessEnabled(env: PaddockEnv): boolean {
  return env.access.password !== null || env.access.oidc !== null;
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(request: Request): string | null {
  return /^Bearer\s+(\S{1,300})$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
}

export async function checkAccess(
  env: PaddockEnv,
  db: PaddockDb,
  request: Request,
  now = Date.now(),
): Promise<AccessResult> {
  if (!accessEnabled(env)) return { ok: true, principal: addressPrincipal(clientAddress(request)) };
  if (request.headers.has("authorization")) {
    const token = bearerToken(request);
    if (token && looksLikePersonalToken(token)) {
      const owner = await findPersonalToken(
        db,
        token,
        { passwordTag: passwordTag(env), oidc: env.access.oidc !== null },
        now,
      );
      if (owner) return { ok: true, principal: owner };
    } else if (token && env.access.apiToken && secretsMatch(token, env.access.apiToken)) {
      return { ok: true, principal: API_TOKEN_PRINCIPAL };
    }
    return { ok: false, reason: "The API token is not valid (unknown, revoked, or its owner was removed)." };
  }
  const cookie = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  return sessionAccess(env, db, cookie, now);
}

/** The session behind a cookie's token (pages use this directly). */
export async function sessionAccess(
  env: PaddockEnv,
  db: PaddockDb,
  token: string | null | undefined,
  now = Date.now(),
): Promise<AccessResult> {
  const principal = await findSession(db, token, now, {
    passwordTag: passwordTag(env),
    oidc: env.access.oidc !== null,
  });
  if (principal) return { ok: true, principal };
  return { ok: false, reason: token ? "The session has ended: sign in again." : "Sign in first." };
}
