import { handleApi } from "@/lib/server/http/api-handler";
import { jsonError } from "@/lib/server/http/respond";
import { startSignIn } from "@/lib/server/security/oidc";
import { isHttps } from "@/lib/server/security/session";
import { localPath, signInPageWithError } from "@/lib/server/security/sign-in-redirects";

export const dynamic = "force-dynamic";

/** Starts a sign-in with the team's identity provider: off to its page, with state, nonce and PKCE. */
export function GET(request: Request) {
  return handleApi(
    request,
    async ({ runtime }) => {
      const { env, db } = runtime;
      if (!env.access.oidc) return jsonError("sign_in_off", "Sign-in with an identity provider is not enabled.");
      const next = localPath(new URL(request.url).searchParams.get("next"));
      const started = await startSignIn(env, db, request, next, isHttps(request), Date.now());
      if (!started.ok) return signInPageWithError(started.code, next);
      const response = new Response(null, {
        status: 303,
        headers: { Location: started.url, "Cache-Control": "no-store" },
      });
      response.headers.append("Set-Cookie", started.cookie);
      return response;
    },
    { public: true },
  );
}
