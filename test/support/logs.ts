import assert from "node:assert/strict";

/**
 * Asserts a server's captured logs hold none of the given secrets and no URL signature: every
 * `Signature=` or `OSSAccessKeyId=` in a log line must be followed by REDACTED. Runner-agnostic
 * (node:assert), so Vitest and Playwright tests share it.
 */
export function expectCleanLogs(logs: string, secrets: ReadonlyArray<string | null | undefined>) {
  assert.ok(logs.length > 0, "the server logged nothing");
  for (const secret of secrets) {
    if (secret) assert.ok(!logs.includes(secret), "a secret reached the logs");
  }
  const signatures = logs.match(/(?:Signature|OSSAccessKeyId)=(?!REDACTED)[^&\s"]+/g) ?? [];
  assert.deepEqual(signatures, [], "a URL signature reached the logs");
}
