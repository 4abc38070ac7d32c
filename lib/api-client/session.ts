import { sessionStateSchema, signInResponseSchema } from "@/lib/api/session-schemas";
import { apiFetch, apiSend, jsonBody } from "@/lib/api-client/fetch";

/** Signing in and out. */

export const sessionKeys = { all: ["session"] as const };

export function signInRequest(password: string) {
  return apiFetch("/api/session", signInResponseSchema, jsonBody("POST", { password }));
}

export function signOutRequest() {
  return apiSend("/api/session", { method: "DELETE" });
}

export function sessionStateRequest() {
  return apiFetch("/api/session", sessionStateSchema);
}
