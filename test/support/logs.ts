import { expect } from "vitest";

/**
 * Asserts a server's captured logs hold none of the given secrets and no URL signature: every
 * `Signature=` or `OSSAccessKeyId=` in a log line must be followed by REDACTED.
 */
export function expectCleanLogs(logs: string, secrets: ReadonlyArray<string | null | undefined>) {
  expect(logs.length).toBeGreaterThan(0);
  for (const secret of secrets) if (secret) expect(logs, "a secret reached the logs").not.toContain(secret);
  const signatures = logs.match(/(?:Signature|OSSAccessKeyId)=(?!REDACTED)[^&\s"]+/g) ?? [];
  expect(signatures, "a URL signature reached the logs").toEqual([]);
}
