import "server-only";

import { randomBytes } from "node:crypto";

import * as client from "openid-client";

import type { PaddockEnv } from "@/lib/env-schema";
import type { PaddockDb } from "@/lib/server/db";
import { logEvent } from "@/lib/server/log";
import { recordPersonSignIn } from "@/lib/server/security/people";
import type { Principal } from "@/lib/server/security/principal";
import { readCookie, requestOrigin } from "@/lib/server/security/session";
import { hashToken } from "@/lib/server/security/session-store";

/**
 * Sign-in with the team's identity provider: OpenID Connect's authorization code flow with PKCE,
 * through `openid-client` (discovery, the code exchange and every ID token check: issuer, audience,
 * signature, expiry, nonce). Paddock keeps each flow's state, nonce and verifier in the store under
 * a random id that only this browser's cookie holds, and uses it once: a replayed or forged
 * callback finds nothing to finish.
 */

type OidcSettings = NonNullable<PaddockEnv["access"]["oidc"]>;

export const FLOW_COOKIE = "paddock_oidc_flow";
const FLOW_PATH = "/api/auth/oidc";
const FLOW_LIFETIME_MS = 10 * 60_000;
const FLOW_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const CONFIG_KEY = Symbol.for("paddock.oidc.config");
type ConfigHolder = { [CONFIG_KEY]?: { issuer: string; clientId: string; config: Promise<client.Configuration> } };

/** The provider's configuration, or null (logged) when it cannot be reached. */
async function providerConfigOrNull(settings: OidcSettings): Promise<client.Configuration | null> {
  try {
    return await providerConfig(settings);
  } catch (error) {
    logEvent("error", "oidc_discovery_failed", { issuer: settings.issuer, error: String(error) });
    return null;
  }
}

/** The provider's configuration, discovered once per process (again after a failure). */
function providerConfig(settings: OidcSettings): Promise<client.Configuration> {
  const holder = globalThis as ConfigHolder;
  const cached = holder[CONFIG_KEY];
  if (cached && cached.issuer === settings.issuer && cached.clientId === settings.clientId) return cached.config;
  const insecure = settings.issuer.startsWith("http://");
  const config = client
    .discovery(
      new URL(settings.issuer),
      settings.clientId,
      undefined,
      settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
      // Plain http is allowed by the configuration only for a provider on this machine.
      { execute: insecure ? [client.allowInsecureRequests] : [], timeout: 10 },
    )
    .catch((error: unknown) => {
      delete holder[CONFIG_KEY];
      throw error;
    });
  holder[CONFIG_KEY] = { issuer: settings.issuer, clientId: settings.clientId, config };
  return config;
}

export function redirectUri(env: PaddockEnv, request: Request): string {
  return `${env.access.publicUrl ?? requestOrigin(request)}${FLOW_PATH}/callback`;
}

export function flowCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  // Lax, not Strict: the provider sends the browser back with a cross-site navigation.
  return [
    `${FLOW_COOKIE}=${value}`,
    `Path=${FLOW_PATH}`,
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export type StartResult = { ok: true; url: string; cookie: string } | { ok: false; code: "provider_unreachable" };

export async function startSignIn(
  env: PaddockEnv,
  db: PaddockDb,
  request: Request,
  nextPath: string,
  secure: boolean,
  now: number,
): Promise<StartResult> {
  const settings = env.access.oidc;
  if (!settings) throw new Error("OIDC sign-in is not configured");
  const config = await providerConfigOrNull(settings);
  if (!config) return { ok: false, code: "provider_unreachable" };
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const flowId = randomBytes(32).toString("base64url");
  await db.deleteFrom("oidc_flows").where("expires_at", "<=", now).execute();
  await db
    .insertInto("oidc_flows")
    .values({ id: hashToken(flowId), state, nonce, verifier, next_path: nextPath, expires_at: now + FLOW_LIFETIME_MS })
    .execute();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(env, request),
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { ok: true, url: url.href, cookie: flowCookie(flowId, FLOW_LIFETIME_MS / 1000, secure) };
}

export type FinishError =
  "flow_unknown" | "denied" | "verification_failed" | "provider_unreachable" | "domain_not_allowed" | "removed";

export type FinishResult = { ok: true; principal: Principal; next: string } | { ok: false; code: FinishError };

export async function finishSignIn(
  env: PaddockEnv,
  db: PaddockDb,
  request: Request,
  now: number,
): Promise<FinishResult> {
  const settings = env.access.oidc;
  if (!settings) throw new Error("OIDC sign-in is not configured");
  const flowId = readCookie(request.headers.get("cookie"), FLOW_COOKIE);
  if (!flowId || !FLOW_ID_PATTERN.test(flowId)) return { ok: false, code: "flow_unknown" };
  // Used once, whatever happens next: a second callback with the same cookie finds nothing.
  const flow = await db
    .deleteFrom("oidc_flows")
    .where("id", "=", hashToken(flowId))
    .returning(["state", "nonce", "verifier", "next_path", "expires_at"])
    .executeTakeFirst();
  if (!flow || flow.expires_at <= now) return { ok: false, code: "flow_unknown" };

  const incoming = new URL(request.url);
  if (incoming.searchParams.has("error")) {
    logEvent("warn", "oidc_denied", { error: incoming.searchParams.get("error")?.slice(0, 100) });
    return { ok: false, code: "denied" };
  }
  const config = await providerConfigOrNull(settings);
  if (!config) return { ok: false, code: "provider_unreachable" };
  const currentUrl = new URL(redirectUri(env, request));
  currentUrl.search = incoming.search;
  let claims: client.IDToken | undefined;
  let profile: Record<string, unknown> = {};
  try {
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    if (claims && (typeof claims.email !== "string" || typeof claims.name !== "string")) {
      // Many providers keep the profile out of the ID token: it is at the UserInfo endpoint.
      profile = await client.fetchUserInfo(config, tokens.access_token, claims.sub).catch((error: unknown) => {
        logEvent("warn", "oidc_userinfo_failed", { error: describe(error) });
        return {};
      });
    }
  } catch (error) {
    // A wrong state, a replayed or expired code, an expired or forged ID token: never a session.
    logEvent("warn", "oidc_verification_failed", { error: describe(error) });
    return { ok: false, code: "verification_failed" };
  }
  if (!claims?.sub) return { ok: false, code: "verification_failed" };
  const claim = (name: string): unknown => claims?.[name] ?? profile[name];
  const email = typeof claim("email") === "string" ? (claim("email") as string) : null;
  if (settings.allowedDomains) {
    const domain = email?.split("@").at(-1)?.toLowerCase();
    if (!email || claim("email_verified") !== true || !domain || !settings.allowedDomains.includes(domain)) {
      logEvent("warn", "oidc_domain_refused", { domain: domain ?? null });
      return { ok: false, code: "domain_not_allowed" };
    }
  }
  const name = typeof claim("name") === "string" ? (claim("name") as string) : null;
  const verdict = await recordPersonSignIn(db, { issuer: claims.iss, subject: claims.sub, name, email }, now);
  if (!verdict.ok) return { ok: false, code: "removed" };
  return { ok: true, principal: verdict.principal, next: flow.next_path };
}

/** The library's error code and message, and the check at fault (never a token). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  let detail = "";
  if (cause instanceof Error && cause.message !== error.message) detail = ` (${cause.message})`;
  else if (cause && typeof cause === "object" && typeof (cause as { error?: unknown }).error === "string") {
    detail = ` (${(cause as { error: string }).error})`;
  }
  return `${typeof code === "string" ? `${code}: ` : ""}${error.message}${detail}`.slice(0, 300);
}
