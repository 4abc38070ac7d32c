import { z } from "zod";

import { handleApi } from "@/lib/server/http/api-handler";
import { parseBody } from "@/lib/server/http/parse";
import { json, jsonError } from "@/lib/server/http/respond";
import { logEvent } from "@/lib/server/log";
import { createPersonalToken, listPersonalTokens, MAX_TOKENS_PER_PRINCIPAL } from "@/lib/server/security/people";
import { TEAM_PRINCIPAL } from "@/lib/server/security/principal";
import { passwordTag } from "@/lib/server/security/session";

export const dynamic = "force-dynamic";

const createSchema = z.object({
  description: z
    .string()
    .trim()
    .min(1, "Say what the token is for, e.g. “render script”.")
    .max(100, "Keep the description under 100 characters.")
    .regex(/^[^\p{Cc}]*$/u, "A description has no control characters."),
});

/** The signed-in person's API tokens (never their secrets). */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime, principal }) => {
    if (principal?.via !== "session") return notASession();
    return json({ tokens: await listPersonalTokens(runtime.db, principal) });
  });
}

/**
 * A new personal API token, acting as the person who made it (their quota, their name on what it
 * tracks). The secret is in this answer only; Paddock keeps a hash.
 */
export function POST(request: Request) {
  return handleApi(request, async ({ runtime, principal, requestId }) => {
    if (principal?.via !== "session") return notASession();
    const body = await parseBody(request, createSchema, { maxBytes: 2048, message: 'Send { "description": "…" }.' });
    if (!body.ok) return body.response;
    // A token made under the shared password ends with it, like the password's sessions.
    const tag = principal.key === TEAM_PRINCIPAL.key ? passwordTag(runtime.env) : null;
    const created = await createPersonalToken(runtime.db, principal, body.value.description, tag, Date.now());
    if (!created.ok) {
      return jsonError(
        "too_many_tokens",
        `You have ${MAX_TOKENS_PER_PRINCIPAL} tokens already: revoke one you no longer use first.`,
      );
    }
    logEvent("info", "api_token_created", { requestId, owner: principal.key, token: created.row.id });
    return json({ token: created.token, created: created.row }, 201);
  });
}

function notASession() {
  return jsonError("forbidden", "API tokens are managed from a signed-in session, not with a token.");
}
