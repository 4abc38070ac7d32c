import "server-only";

import { addressBucket } from "@/lib/server/security/client-address";

/**
 * Who is asking, as far as Paddock can tell: the key that quotas, per-client limits and the
 * "tracked by" record use, and a name to show. A person signed in with the team's identity
 * provider is themselves; the shared password's sessions are one "team"; the API token is itself;
 * with no sign-in at all, a client is its address.
 */
export interface Principal {
  /** Stable and short: `person:…`, `token:…`, `api-token`, `team` or `address:…`. */
  key: string;
  /** Shown in the header and used as the label's default; null when nobody in particular. */
  name: string | null;
  via: "open" | "session" | "token";
}

const KEY_MAX = 200;

export function addressPrincipal(client: string): Principal {
  return { key: `address:${client}`.slice(0, KEY_MAX), name: null, via: "open" };
}

export const TEAM_PRINCIPAL: Principal = { key: "team", name: null, via: "session" };
export const API_TOKEN_PRINCIPAL: Principal = { key: "api-token", name: null, via: "token" };

/**
 * The key a principal's request budget is kept under. A person or personal token has its own; the
 * shared password and the operator's token stand for many people, so each address using them
 * keeps a budget of its own too.
 */
export function limitKey(principal: Principal | null, client: string): string {
  const bucket = addressBucket(client);
  if (!principal || principal.via === "open") return `address:${bucket}`.slice(0, KEY_MAX);
  if (principal.key === TEAM_PRINCIPAL.key || principal.key === API_TOKEN_PRINCIPAL.key) {
    return `${principal.key}@${bucket}`.slice(0, KEY_MAX);
  }
  return principal.key;
}
