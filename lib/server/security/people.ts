import "server-only";

import { createHash, randomBytes } from "node:crypto";

import type { PaddockDb } from "@/lib/server/db";
import type { Principal } from "@/lib/server/security/principal";
import { endSessionsOf, hashToken } from "@/lib/server/security/session-store";

/**
 * People who signed in with the team's identity provider, and personal API tokens. A person is
 * known by the provider's issuer and subject; removing one ends their sessions and revokes their
 * tokens at once, on every instance.
 */

export interface Identity {
  issuer: string;
  subject: string;
  name: string | null;
  email: string | null;
}

export function personKey(issuer: string, subject: string): string {
  return `person:${createHash("sha256").update(`${issuer}\0${subject}`).digest("hex").slice(0, 24)}`;
}

export function displayName(identity: Pick<Identity, "name" | "email" | "subject">): string {
  return (identity.name?.trim() || identity.email?.trim() || identity.subject).slice(0, 200);
}

export type SignInVerdict = { ok: true; principal: Principal } | { ok: false; reason: "removed" };

/** Records a sign-in through the identity provider; a person the operator removed stays out. */
export async function recordPersonSignIn(db: PaddockDb, identity: Identity, now: number): Promise<SignInVerdict> {
  const key = personKey(identity.issuer, identity.subject);
  const name = displayName(identity);
  // What the provider sends is stored within the columns' sizes (the key is a hash of the whole).
  const email = identity.email && identity.email.length <= 320 ? identity.email : null;
  const subject = identity.subject.slice(0, 255);
  const issuer = identity.issuer.slice(0, 500);
  const existing = await db.selectFrom("people").select("removed_at").where("key", "=", key).executeTakeFirst();
  if (existing?.removed_at != null) return { ok: false, reason: "removed" };
  if (existing) {
    await db.updateTable("people").set({ name, email, last_sign_in_at: now }).where("key", "=", key).execute();
  } else {
    await db
      .insertInto("people")
      .values({
        key,
        issuer,
        subject,
        name,
        email,
        created_at: now,
        last_sign_in_at: now,
        removed_at: null,
      })
      .onConflict((oc) => oc.column("key").doUpdateSet({ name, email, last_sign_in_at: now }))
      .execute();
  }
  return { ok: true, principal: { key, name, via: "session" } };
}

export interface PersonRow {
  key: string;
  name: string | null;
  email: string | null;
  lastSignInAt: number | null;
  removedAt: number | null;
}

export async function listPeople(db: PaddockDb): Promise<PersonRow[]> {
  const rows = await db
    .selectFrom("people")
    .select(["key", "name", "email", "last_sign_in_at", "removed_at"])
    .orderBy("name")
    .execute();
  return rows.map((row) => ({
    key: row.key,
    name: row.name,
    email: row.email,
    lastSignInAt: row.last_sign_in_at,
    removedAt: row.removed_at,
  }));
}

/** Finds people by key, email or name (exactly, ignoring case). */
export async function findPeople(db: PaddockDb, who: string): Promise<PersonRow[]> {
  const wanted = who.trim().toLowerCase();
  return (await listPeople(db)).filter(
    (person) =>
      person.key === who.trim() || person.email?.toLowerCase() === wanted || person.name?.toLowerCase() === wanted,
  );
}

/** Removes a person: they cannot sign in again, and their sessions and tokens end now. */
export async function removePerson(
  db: PaddockDb,
  key: string,
  now: number,
): Promise<{ sessions: number; tokens: number }> {
  await db.updateTable("people").set({ removed_at: now }).where("key", "=", key).execute();
  const sessions = await endSessionsOf(db, key);
  const tokens = await db.deleteFrom("api_tokens").where("principal_key", "=", key).executeTakeFirst();
  return { sessions, tokens: Number(tokens.numDeletedRows) };
}

/** Lets a removed person sign in again. */
export async function restorePerson(db: PaddockDb, key: string): Promise<void> {
  await db.updateTable("people").set({ removed_at: null }).where("key", "=", key).execute();
}

// Personal API tokens ---------------------------------------------------------------------------

export const PERSONAL_TOKEN_PREFIX = "pdk_";
const PERSONAL_TOKEN_PATTERN = /^pdk_[A-Za-z0-9_-]{43}$/;
export const MAX_TOKENS_PER_PRINCIPAL = 20;

export interface TokenRow {
  id: string;
  description: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export async function createPersonalToken(
  db: PaddockDb,
  owner: Principal,
  description: string,
  passwordTag: string | null,
  now: number,
): Promise<{ ok: true; token: string; row: TokenRow } | { ok: false; reason: "too_many" }> {
  const count = await db
    .selectFrom("api_tokens")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("principal_key", "=", owner.key)
    .executeTakeFirst();
  if (Number(count?.n ?? 0) >= MAX_TOKENS_PER_PRINCIPAL) return { ok: false, reason: "too_many" };
  const token = `${PERSONAL_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const id = `tok_${randomBytes(9).toString("base64url")}`;
  await db
    .insertInto("api_tokens")
    .values({
      id,
      token_hash: hashToken(token),
      principal_key: owner.key,
      name: owner.name,
      description,
      password_tag: passwordTag,
      created_at: now,
      last_used_at: null,
    })
    .execute();
  return { ok: true, token, row: { id, description, createdAt: now, lastUsedAt: null } };
}

export async function listPersonalTokens(db: PaddockDb, owner: Principal): Promise<TokenRow[]> {
  const rows = await db
    .selectFrom("api_tokens")
    .select(["id", "description", "created_at", "last_used_at"])
    .where("principal_key", "=", owner.key)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    description: row.description,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  }));
}

export async function revokePersonalToken(db: PaddockDb, owner: Principal, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom("api_tokens")
    .where("id", "=", id)
    .where("principal_key", "=", owner.key)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function looksLikePersonalToken(token: string): boolean {
  return token.startsWith(PERSONAL_TOKEN_PREFIX);
}

/** The token's owner, or null: unknown, revoked, or made under a password that has since changed. */
export async function findPersonalToken(
  db: PaddockDb,
  token: string,
  check: { passwordTag: string | null; oidc: boolean },
  now: number,
): Promise<Principal | null> {
  if (!PERSONAL_TOKEN_PATTERN.test(token)) return null;
  const row = await db
    .selectFrom("api_tokens")
    .leftJoin("people", "people.key", "api_tokens.principal_key")
    .select([
      "api_tokens.id",
      "api_tokens.principal_key",
      "api_tokens.name",
      "api_tokens.password_tag",
      "api_tokens.last_used_at",
      "people.removed_at",
    ])
    .where("api_tokens.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  if (row.principal_key.startsWith("person:")) {
    // A person's token lives as long as the person may sign in: with the provider on, not removed.
    if (!check.oidc || row.removed_at !== null) return null;
  } else if (row.password_tag === null || row.password_tag !== check.passwordTag) {
    return null;
  }
  // "Last used" to the minute: a token in a busy script does not write on every request.
  if (row.last_used_at === null || now - row.last_used_at > 60_000) {
    // Best effort: a store that refuses writes must not refuse the token.
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: now })
      .where("id", "=", row.id)
      .execute()
      .catch(() => undefined);
  }
  return { key: row.principal_key, name: row.name, via: "token" };
}
