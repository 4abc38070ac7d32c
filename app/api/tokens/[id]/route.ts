import { handleApi } from "@/lib/server/http/api-handler";
import { jsonError } from "@/lib/server/http/respond";
import { logEvent } from "@/lib/server/log";
import { revokePersonalToken } from "@/lib/server/security/people";

export const dynamic = "force-dynamic";

const TOKEN_ID = /^tok_[A-Za-z0-9_-]{12}$/;

/** Revokes one of the signed-in person's tokens, at once and on every instance. */
export function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleApi(request, async ({ runtime, principal, requestId }) => {
    if (principal?.via !== "session") {
      return jsonError("forbidden", "API tokens are managed from a signed-in session, not with a token.");
    }
    const { id } = await params;
    if (!TOKEN_ID.test(id)) return jsonError("invalid_id", "That is not a token id (tok_ and 12 characters).");
    if (!(await revokePersonalToken(runtime.db, principal, id))) {
      return jsonError("not_found", "You have no token with that id.");
    }
    logEvent("info", "api_token_revoked", { requestId, owner: principal.key, token: id });
    return new Response(null, { status: 204 });
  });
}
