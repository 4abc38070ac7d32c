import {
  createdTokenSchema,
  sessionStateSchema,
  signedOutEverywhereSchema,
  signInResponseSchema,
  tokenListSchema,
} from "@/lib/api/session-schemas";
import { apiFetch, apiSend, jsonBody } from "@/lib/api-client/fetch";

/** Signing in and out, and personal API tokens. */

export const sessionKeys = { all: ["session"] as const, tokens: ["session", "tokens"] as const };

export function signInRequest(password: string) {
  return apiFetch("/api/session", signInResponseSchema, jsonBody("POST", { password }));
}

export function signOutRequest() {
  return apiSend("/api/session", { method: "DELETE" });
}

/** Ends every session of this person (for the shared password: every password session). */
export function signOutEverywhereRequest() {
  return apiFetch("/api/session?scope=everywhere", signedOutEverywhereSchema, { method: "DELETE" });
}

export function sessionStateRequest() {
  return apiFetch("/api/session", sessionStateSchema);
}

export function tokensRequest() {
  return apiFetch("/api/tokens", tokenListSchema);
}

export function createTokenRequest(description: string) {
  return apiFetch("/api/tokens", createdTokenSchema, jsonBody("POST", { description }));
}

export function revokeTokenRequest(id: string) {
  return apiSend(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" });
}
