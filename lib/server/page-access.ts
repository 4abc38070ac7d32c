import "server-only";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";

import { getEnv } from "@/lib/server/env";
import { SESSION_COOKIE, sessionKey, verifySessionToken } from "@/lib/server/security/session";

/** Pages check the session themselves (not only a proxy in front): unsigned visitors go to sign in. */
export async function requirePageAccess(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch {
    return; // An invalid configuration is reported by the API and the log; there is nothing to show.
  }
  const key = sessionKey(env);
  if (!key) return;
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (verifySessionToken(key, token, Date.now())) return;
  const path = (await headers()).get("x-paddock-path") ?? "/";
  redirect(`/sign-in?next=${encodeURIComponent(path.startsWith("/") ? path : "/")}`);
}

export function signInRequired(): boolean {
  try {
    return getEnv().access.password !== null;
  } catch {
    return false;
  }
}
