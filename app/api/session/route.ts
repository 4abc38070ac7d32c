import { z } from "zod";

import { BODY_LIMITS } from "@/lib/api/limits";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseBody } from "@/lib/server/http/parse";
import { json, jsonError, tooManyRequests } from "@/lib/server/http/respond";
import { logEvent } from "@/lib/server/log";
import { accessEnabled, checkAccess } from "@/lib/server/security/access";
import { addressBucket } from "@/lib/server/security/client-address";
import { TEAM_PRINCIPAL } from "@/lib/server/security/principal";
import {
  isHttps,
  passwordTag,
  readCookie,
  requestOrigin,
  secretsMatch,
  SESSION_COOKIE,
  sessionCookie,
} from "@/lib/server/security/session";
import { createSession, endSession, endSessionsOf } from "@/lib/server/security/session-store";
import { beginSignInAttempt, forgetSignInFailures, recordSignInFailure } from "@/lib/server/security/sign-in-guard";

export const dynamic = "force-dynamic";

const signInSchema = z.object({ password: z.string().min(1, "Enter the password.").max(200) });

/** Whether sign-in is on, whether this request is signed in, and as whom. */
export function GET(request: Request) {
  return handleApi(
    request,
    async ({ runtime }) => {
      const { env } = runtime;
      const access = await checkAccess(env, runtime.db, request);
      const principal = access.ok && access.principal.via !== "open" ? access.principal : null;
      return json({
        required: accessEnabled(env),
        signedIn: access.ok,
        methods: { password: env.access.password !== null, oidc: env.access.oidc ? env.access.oidc.name : null },
        who: principal
          ? {
              name: principal.name ?? (principal.key === TEAM_PRINCIPAL.key ? "Team (shared password)" : "API token"),
              kind: principal.key.startsWith("person:") ? "person" : "team",
              via: principal.via,
            }
          : null,
      });
    },
    { public: true },
  );
}

/**
 * Signs in with `{ "password": "…" }`: sets an httpOnly, SameSite=Strict cookie for a session kept
 * in the store. Failures slow the client's address down, with growing delays; there is no global
 * cap, so a flood from elsewhere never refuses the right password.
 */
export function POST(request: Request) {
  return handleApi(
    request,
    async ({ runtime, client, requestId }) => {
      const { env, db } = runtime;
      const tag = passwordTag(env);
      if (!tag || !env.access.password) {
        return jsonError("sign_in_off", "Password sign-in is not enabled on this Paddock.");
      }
      if (!sameOrigin(request)) return jsonError("cross_origin", "Sign in from Paddock's own page.");
      const body = await parseBody(request, signInSchema, {
        maxBytes: BODY_LIMITS.signIn,
        message: 'Send { "password": "…" }.',
      });
      if (!body.ok) return body.response;
      // An IPv6 client holds a whole /64: its delays are the prefix's.
      const keys = [`address:${addressBucket(client)}`];
      const now = Date.now();
      const wait = await beginSignInAttempt(db, keys, now);
      if (!wait.ok) {
        return tooManyRequests(
          "too_many_attempts",
          `Too many failed sign-ins from here: wait ${Math.ceil(wait.retryAfterMs / 1000)} s and try again.`,
          wait.retryAfterMs,
        );
      }
      if (!secretsMatch(body.value.password, env.access.password)) {
        await recordSignInFailure(db, keys, now);
        logEvent("warn", "sign_in_failed", { requestId, client });
        return jsonError("wrong_password", "That password is not right.");
      }
      await forgetSignInFailures(db, keys);
      const { token, expiresAt } = await createSession(
        db,
        { principal: TEAM_PRINCIPAL, via: "password", passwordTag: tag },
        now,
        env.access.sessionMs,
      );
      const response = json({ signedIn: true, expiresAt });
      response.headers.append(
        "Set-Cookie",
        sessionCookie(token, Math.floor(env.access.sessionMs / 1000), isHttps(request)),
      );
      logEvent("info", "signed_in", { requestId, client, via: "password" });
      return response;
    },
    { public: true },
  );
}

/**
 * Signs out: this session ends in the store and the cookie is cleared. With `?scope=everywhere`,
 * every session of the same person ends (for the shared password: every password session).
 */
export function DELETE(request: Request) {
  return handleApi(
    request,
    async ({ runtime, requestId }) => {
      if (!sameOrigin(request)) return jsonError("cross_origin", "Sign out from Paddock's own page.");
      const everywhere = new URL(request.url).searchParams.get("scope") === "everywhere";
      const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
      let ended = 0;
      if (everywhere) {
        const access = await checkAccess(runtime.env, runtime.db, request);
        if (!access.ok || access.principal.via !== "session") {
          return jsonError("unauthorized", "Sign in first: signing out everywhere needs a session.");
        }
        ended = await endSessionsOf(runtime.db, access.principal.key);
        logEvent("info", "signed_out_everywhere", { requestId, sessions: ended });
      } else {
        await endSession(runtime.db, token);
      }
      const response = everywhere ? json({ ended }) : new Response(null, { status: 204 });
      response.headers.append("Set-Cookie", sessionCookie("", 0, isHttps(request)));
      return response;
    },
    { public: true },
  );
}

/** A browser always says where a request comes from; another site's page is refused. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  return (
    !origin ||
    origin === new URL(request.url).origin ||
    origin === requestOrigin(request) ||
    origin === forwardedOrigin(request)
  );
}

function forwardedOrigin(request: Request): string | null {
  const host = request.headers.get("x-forwarded-host");
  const proto = request.headers.get("x-forwarded-proto") ?? "http";
  return host ? `${proto}://${host}` : null;
}
