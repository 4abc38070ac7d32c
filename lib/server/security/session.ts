import "server-only";

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { PaddockEnv } from "@/lib/env-schema";

/**
 * The session cookie, and the password's key: derived from the password and a random secret kept
 * beside the database (or PADDOCK_SESSION_SECRET, shared by every instance). Sessions themselves
 * live in the store (session-store.ts).
 */

export const SESSION_COOKIE = "paddock_session";
const KEY_HOLDER = Symbol.for("paddock.session.key");
type KeyHolder = { [KEY_HOLDER]?: { password: string; key: Buffer } };

function installSecret(dbPath: string): Buffer {
  if (dbPath === ":memory:") return randomBytes(32);
  const file = path.join(path.dirname(path.resolve(dbPath)), "session-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
}

export function sessionKey(env: PaddockEnv): Buffer | null {
  const password = env.access.password;
  if (!password) return null;
  const holder = globalThis as KeyHolder;
  const cached = holder[KEY_HOLDER];
  if (cached && cached.password === password) return cached.key;
  const base = env.access.sessionSecret ? Buffer.from(env.access.sessionSecret) : installSecret(env.dbPath);
  const key = createHmac("sha256", base).update(`paddock-session-v1\0${password}`).digest();
  holder[KEY_HOLDER] = { password, key };
  return key;
}

/**
 * A tag of the current password, kept on each password session and team token: a new password
 * has a new tag, so everything made with the old one ends. Keyed, so the tag alone does not let
 * anyone test guesses of the password.
 */
export function passwordTag(env: PaddockEnv): string | null {
  const key = sessionKey(env);
  return key ? createHmac("sha256", key).update("paddock-password-tag-v1").digest("hex") : null;
}

/** Compares in constant time whatever the lengths. */
export function secretsMatch(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [rawName, ...rest] = part.trim().split("=");
    if (rawName === name) return rest.join("=");
  }
  return null;
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** HTTPS as the client saw it, including behind a TLS-terminating proxy. */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

/**
 * The origin the browser used: the Host header it sent (Next's `request.url` may name another
 * host, e.g. localhost for 127.0.0.1). PADDOCK_PUBLIC_URL overrides it where it matters.
 */
export function requestOrigin(request: Request): string {
  const host = request.headers.get("host");
  return host ? `${isHttps(request) ? "https" : "http"}://${host}` : new URL(request.url).origin;
}
