/**
 * Status words as gateways of the family write them, folded into the seed gateway's vocabulary:
 * any letter case, and the synonyms of new-api's OpenAI-style and simplified objects. A word not
 * listed is kept as itself (upper case): it is shown as such and never treated as terminal.
 */

const PLATFORM_SYNONYMS: Record<string, string> = {
  NOT_START: "NOT_START",
  NOT_STARTED: "NOT_START",
  SUBMITTED: "SUBMITTED",
  QUEUED: "QUEUED",
  PENDING: "QUEUED",
  WAITING: "QUEUED",
  IN_PROGRESS: "IN_PROGRESS",
  PROCESSING: "IN_PROGRESS",
  RUNNING: "IN_PROGRESS",
  GENERATING: "IN_PROGRESS",
  SUCCESS: "SUCCESS",
  SUCCEEDED: "SUCCESS",
  SUCCEED: "SUCCESS",
  COMPLETED: "SUCCESS",
  COMPLETE: "SUCCESS",
  FAILURE: "FAILURE",
  FAILED: "FAILURE",
  FAIL: "FAILURE",
  ERROR: "FAILURE",
  CANCELED: "FAILURE",
  CANCELLED: "FAILURE",
  UNKNOWN: "UNKNOWN",
};

const UPSTREAM_SYNONYMS: Record<string, string> = {
  PENDING: "PENDING",
  QUEUED: "PENDING",
  RUNNING: "RUNNING",
  PROCESSING: "RUNNING",
  IN_PROGRESS: "RUNNING",
  SUSPENDED: "SUSPENDED",
  SUCCEEDED: "SUCCEEDED",
  SUCCESS: "SUCCEEDED",
  COMPLETED: "SUCCEEDED",
  FAILED: "FAILED",
  FAILURE: "FAILED",
  CANCELED: "CANCELED",
  CANCELLED: "CANCELED",
  UNKNOWN: "UNKNOWN",
};

const wordOf = (value: string) =>
  value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");

/** A platform status in the seed gateway's words (NOT_START … SUCCESS, FAILURE, UNKNOWN). */
export function platformStatusWord(value: string): string {
  const word = wordOf(value);
  return PLATFORM_SYNONYMS[word] ?? word;
}

/** A DashScope task status in DashScope's words (PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED, UNKNOWN). */
export function upstreamStatusWord(value: string): string {
  const word = wordOf(value);
  return UPSTREAM_SYNONYMS[word] ?? word;
}

/** Whether the word, as sent, says the task was canceled (folded into FAILURE above). */
export function saysCanceled(value: string | null): boolean {
  return value !== null && /^cancell?ed$/i.test(value.trim());
}
