import "server-only";

import { writeSync } from "node:fs";

import { redactSignatures } from "@/lib/tasks/video-link";

/**
 * Structured server logs: one JSON line per event. Every line is scrubbed of the secrets
 * Paddock knows (API key, password, tokens, session key) and of URL signatures, whatever
 * field they hide in.
 */

const SECRETS_KEY = Symbol.for("paddock.log.secrets");
type SecretHolder = { [SECRETS_KEY]?: Set<string> };

function secrets(): Set<string> {
  const holder = globalThis as SecretHolder;
  holder[SECRETS_KEY] ??= new Set();
  return holder[SECRETS_KEY];
}

/** Registers a value that must never appear in a log line. */
export function registerSecret(value: string | null | undefined) {
  if (value && value.length >= 6) secrets().add(value);
}

const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

export function scrub(text: string): string {
  let clean = redactSignatures(text).replace(BEARER, "$1REDACTED");
  for (const secret of secrets()) clean = clean.split(secret).join("[secret]");
  return clean;
}

type Level = "info" | "warn" | "error";

/**
 * Inside the Next.js server, lines go straight to the streams: Next wraps `console` there, a cost
 * on every request's line. Elsewhere (the watcher process, the tests) through `console`.
 */
const DIRECT = process.env.NEXT_RUNTIME === "nodejs";
if (DIRECT) {
  // `console` swallows a stream's errors (a reader that went away); a direct write must too, or
  // the next line would end the server.
  const ignore = () => undefined;
  process.stdout.on("error", ignore);
  process.stderr.on("error", ignore);
}

// One write per stream and turn of the event loop, however many requests it served: a write to a
// pipe costs more than the line. Whatever is left goes out when the process exits.
const pendingOut: string[] = [];
const pendingErr: string[] = [];
let flushQueued = false;

function queueLine(pending: string[], line: string) {
  pending.push(line);
  if (flushQueued) return;
  flushQueued = true;
  setImmediate(flushLines);
}

/** The queued lines as one text, emptying the queue ("" when it was empty). */
function drain(pending: string[]): string {
  return pending.length > 0 ? `${pending.splice(0).join("\n")}\n` : "";
}

function flushLines() {
  flushQueued = false;
  const out = drain(pendingOut);
  const err = drain(pendingErr);
  if (out) process.stdout.write(out);
  if (err) process.stderr.write(err);
}

if (DIRECT) {
  process.on("exit", () => {
    try {
      const out = drain(pendingOut);
      const err = drain(pendingErr);
      if (out) writeSync(1, out);
      if (err) writeSync(2, err);
    } catch {
      // A reader that went away, as for any write (above).
    }
  });
}

// Hand-written rather than pino: one JSON line per event is all Paddock needs, and scrubbing every
// line of secrets and signatures is the part that matters; a logger library would wrap these lines.

export function logEvent(level: Level, event: string, fields: Record<string, unknown> = {}) {
  const line = scrub(JSON.stringify({ ts: new Date().toISOString(), level, event, ...fields }));
  if (DIRECT) {
    queueLine(level === "info" ? pendingOut : pendingErr, line);
    return;
  }
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.info(line);
}

/** A short random id for correlating one request's log lines. */
export function newRequestId(): string {
  return crypto.randomUUID().replace(/-/g, "").slice(0, 16);
}
