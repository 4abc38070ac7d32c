import { z } from "zod";

import { BODY_LIMITS } from "@/lib/api/limits";
import { handleApi } from "@/lib/server/http/api-handler";
import { parseBody } from "@/lib/server/http/parse";
import { json, jsonError, tooManyRequests } from "@/lib/server/http/respond";
import { logEvent } from "@/lib/server/log";
import { accessEnabled, checkAccess } from "@/lib/server/security/access";
import { createSessionToken, isHttps, secretsMatch, sessionCookie, sessionKey } from "@/lib/server/security/session";
import { recordFailedSignIn, signInBlocked } from "@/lib/server/security/sign-in-guard";

export const dynamic = "force-dynamic";

const signInSchema = z.object({ password: z.string().min(1, "Enter the password.").max(200) });

/** Whether sign-in is on, and whether this request is signed in. */
export function GET(request: Request) {
  return handleApi(
    request,
    async ({ runtime }) =>
      json({ required: accessEnabled(runtime.env), signedIn: checkAccess(runtime.env, request).ok }),
    { public: true },
  );
}

/** Signs in with `{ "password": "…" }`: sets a signed, expiring, httpOnly, SameSite=Strict cookie. */
export function POST(request: Request) {
  return handleApi(
    request,
    async ({ runtime, client, requestId }) => {
      const { env } = runtime;
      const key = sessionKey(env);
      if (!key || !env.access.password) return jsonError("sign_in_off", "Sign-in is not enabled on this Paddock.");
      const origin = request.headers.get("origin");
      if (origin && origin !== new URL(request.url).origin && origin !== forwardedOrigin(request)) {
        return jsonError("cross_origin", "Sign in from Paddock's own page.");
      }
      const blocked = signInBlocked(client);
      if (blocked.blocked) {
        return tooManyRequests(
          "too_many_attempts",
          "Too many failed sign-ins: wait a minute and try again.",
          blocked.retryAfterMs,
        );
      }
      const body = await parseBody(request, signInSchema, {
        maxBytes: BODY_LIMITS.signIn,
        message: 'Send { "password": "…" }.',
      });
      if (!body.ok) return body.response;
      if (!secretsMatch(body.value.password, env.access.password)) {
        recordFailedSignIn(client);
        logEvent("warn", "sign_in_failed", { requestId, client });
        return jsonError("wrong_password", "That password is not right.");
      }
      const { token, expiresAt } = createSessionToken(key, Date.now(), env.access.sessionMs);
      const response = json({ signedIn: true, expiresAt });
      response.headers.append(
        "Set-Cookie",
        sessionCookie(token, Math.floor(env.access.sessionMs / 1000), isHttps(request)),
      );
      logEvent("info", "signed_in", { requestId, client });
      return response;
    },
    { public: true },
  );
}

/** Signs out: the cookie is cleared. */
export function DELETE(request: Request) {
  return handleApi(
    request,
    async () => {
      const response = new Response(null, { status: 204 });
      response.headers.append("Set-Cookie", sessionCookie("", 0, isHttps(request)));
      return response;
    },
    { public: true },
  );
}

function forwardedOrigin(request: Request): string | null {
  const host = request.headers.get("x-forwarded-host");
  const proto = request.headers.get("x-forwarded-proto") ?? "http";
  return host ? `${proto}://${host}` : null;
}
