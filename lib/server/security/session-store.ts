import "server-only";

import { createHash, randomBytes } from "node:crypto";

import type { PaddockDb } from "@/lib/server/db";
import type { SessionsTable } from "@/lib/server/db/schema";
import type { Principal } from "@/lib/server/security/principal";

/**
 * Sessions kept in the store (SQLite or PostgreSQL), so every instance sees the same ones and
 * signing out ends a session for real. The cookie carries a random token; the table keeps its
 * SHA-256 only, so a copy of the database signs nobody in.
 */

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface NewSession {
  principal: Principal;
  via: SessionsTable["via"];
  /** For a password session: the tag of the password it was made with. */
  passwordTag: string | null;
}

export async function createSession(
  db: PaddockDb,
  session: NewSession,
  now: number,
  lifetimeMs: number,
): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = now + lifetimeMs;
  await db
    .insertInto("sessions")
    .values({
      id: hashToken(token),
      principal_key: session.principal.key,
      name: session.principal.name,
      via: session.via,
      password_tag: session.passwordTag,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  // Expired sessions are of no use to anyone: each sign-in clears them away.
  await db.deleteFrom("sessions").where("expires_at", "<=", now).execute();
  return { token, expiresAt };
}

export interface SessionCheck {
  /** The current password's tag, or null when the password sign-in is off. */
  passwordTag: string | null;
  /** Whether the identity provider's sign-in is on. */
  oidc: boolean;
}

/** The session's principal, or null when the token is unknown, expired or made with an old password. */
export async function findSession(
  db: PaddockDb,
  token: string | null | undefined,
  now: number,
  check: SessionCheck,
): Promise<Principal | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const row = await db
    .selectFrom("sessions")
    .leftJoin("people", "people.key", "sessions.principal_key")
    .select([
      "sessions.principal_key",
      "sessions.name",
      "sessions.via",
      "sessions.password_tag",
      "sessions.expires_at",
      "people.removed_at",
    ])
    .where("sessions.id", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now) return null;
  if (row.via === "password" && (check.passwordTag === null || row.password_tag !== check.passwordTag)) return null;
  // A removed person is out at once, even with a session that slipped in while they were removed.
  if (row.via === "oidc" && (!check.oidc || row.removed_at !== null)) return null;
  return { key: row.principal_key, name: row.name, via: "session" };
}

export async function endSession(db: PaddockDb, token: string | null | undefined): Promise<void> {
  if (!token || !TOKEN_PATTERN.test(token)) return;
  await db.deleteFrom("sessions").where("id", "=", hashToken(token)).execute();
}

/** Signs a principal out everywhere: every session it has, on every device and instance. */
export async function endSessionsOf(db: PaddockDb, principalKey: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("principal_key", "=", principalKey).executeTakeFirst();
  return Number(result.numDeletedRows);
}
