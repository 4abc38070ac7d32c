import "server-only";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";

import { getEnv } from "@/lib/server/env";
import { getRuntime } from "@/lib/server/runtime";
import { accessEnabled, sessionAccess } from "@/lib/server/security/access";
import { SESSION_COOKIE } from "@/lib/server/security/session";

/** Pages check the session themselves (not only a proxy in front): unsigned visitors go to sign in. */
export async function requirePageAccess(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch {
    return; // An invalid configuration is reported by the API and the log; there is nothing to show.
  }
  if (!accessEnabled(env)) return;
  // Without its store Paddock cannot tell who is signed in: the error page says so (never the page).
  const runtime = await getRuntime();
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if ((await sessionAccess(env, runtime.db, token)).ok) return;
  const path = (await headers()).get("x-paddock-path") ?? "/";
  redirect(`/sign-in?next=${encodeURIComponent(path.startsWith("/") ? path : "/")}`);
}

export function signInRequired(): boolean {
  try {
    return accessEnabled(getEnv());
  } catch {
    return false;
  }
}

/** What the sign-in page offers: the shared password, the identity provider, or both. */
export function signInOptions(): { password: boolean; oidc: { name: string } | null } {
  try {
    const { access } = getEnv();
    return { password: access.password !== null, oidc: access.oidc ? { name: access.oidc.name } : null };
  } catch {
    return { password: false, oidc: null };
  }
}
