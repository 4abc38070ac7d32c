import "server-only";

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { PaddockEnv } from "@/lib/env-schema";

/**
 * Signed, expiring session tokens for the password sign-in. The signing key is derived from the
 * password and a random secret kept beside the database (or PADDOCK_SESSION_SECRET), so changing
 * the password signs everyone out and a token alone gives nothing to guess the password with.
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

const sign = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

export function createSessionToken(key: Buffer, now: number, lifetimeMs: number): { token: string; expiresAt: number } {
  const expiresAt = now + lifetimeMs;
  const payload = `${expiresAt}.${randomBytes(12).toString("base64url")}`;
  return { token: `${payload}.${sign(key, payload)}`, expiresAt };
}

export function verifySessionToken(key: Buffer, token: string | null | undefined, now: number): boolean {
  if (!token || token.length > 200) return false;
  const last = token.lastIndexOf(".");
  if (last <= 0) return false;
  const payload = token.slice(0, last);
  const given = Buffer.from(token.slice(last + 1));
  const expected = Buffer.from(sign(key, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const expiresAt = Number(payload.split(".")[0]);
  return Number.isFinite(expiresAt) && expiresAt > now;
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
