import { z } from "zod";

import { handleApi } from "@/lib/server/api-handler";
import { json, jsonError, readJsonBody } from "@/lib/server/http";
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
      if (!key || !env.access.password) return jsonError(404, "sign_in_off", "Sign-in is not enabled on this Paddock.");
      const origin = request.headers.get("origin");
      if (origin && origin !== new URL(request.url).origin && origin !== forwardedOrigin(request)) {
        return jsonError(403, "cross_origin", "Sign in from Paddock's own page.");
      }
      const blocked = signInBlocked(client);
      if (blocked.blocked) {
        const response = jsonError(429, "too_many_attempts", "Too many failed sign-ins: wait a minute and try again.");
        response.headers.set("Retry-After", String(Math.ceil(blocked.retryAfterMs / 1000)));
        return response;
      }
      const body = await readJsonBody(request, 1024);
      if (!body.ok) return body.response;
      const parsed = signInSchema.safeParse(body.value);
      if (!parsed.success) return jsonError(400, "invalid_body", 'Send { "password": "…" }.');
      if (!secretsMatch(parsed.data.password, env.access.password)) {
        recordFailedSignIn(client);
        logEvent("warn", "sign_in_failed", { requestId, client });
        return jsonError(401, "wrong_password", "That password is not right.");
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
