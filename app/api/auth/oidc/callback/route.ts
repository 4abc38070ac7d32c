import { handleApi } from "@/lib/server/http/api-handler";
import { jsonError } from "@/lib/server/http/respond";
import { logEvent } from "@/lib/server/log";
import { finishSignIn, flowCookie } from "@/lib/server/security/oidc";
import { isHttps, sessionCookie } from "@/lib/server/security/session";
import { createSession } from "@/lib/server/security/session-store";
import { continuePage, signInPageWithError } from "@/lib/server/security/sign-in-redirects";

export const dynamic = "force-dynamic";

/**
 * Where the identity provider sends the browser back: the code is exchanged and the ID token
 * checked, then a session starts. The answer is a small page that moves on by itself, because the
 * session cookie is SameSite=Strict and a redirect at the end of the provider's cross-site chain
 * would arrive without it.
 */
export function GET(request: Request) {
  return handleApi(
    request,
    async ({ runtime, requestId, client }) => {
      const { env, db } = runtime;
      if (!env.access.oidc) return jsonError("sign_in_off", "Sign-in with an identity provider is not enabled.");
      const now = Date.now();
      const secure = isHttps(request);
      const finished = await finishSignIn(env, db, request, now);
      if (!finished.ok) {
        logEvent("warn", "sign_in_failed", { requestId, client, via: "oidc", reason: finished.code });
        const response = signInPageWithError(finished.code, "/");
        response.headers.append("Set-Cookie", flowCookie("", 0, secure));
        return response;
      }
      const { token } = await createSession(
        db,
        { principal: finished.principal, via: "oidc", passwordTag: null },
        now,
        env.access.sessionMs,
      );
      logEvent("info", "signed_in", { requestId, client, via: "oidc", person: finished.principal.key });
      const response = continuePage(finished.next);
      response.headers.append("Set-Cookie", flowCookie("", 0, secure));
      response.headers.append("Set-Cookie", sessionCookie(token, Math.floor(env.access.sessionMs / 1000), secure));
      return response;
    },
    { public: true },
  );
}
