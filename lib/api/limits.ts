/** Input limits of Paddock's API, shared by the route handlers and the forms that respect them. */

export const MAX_IDS_PER_REQUEST = 500;

/** The most tasks one bulk action (a selection, or all tasks matching a filter) may touch. */
export const MAX_BULK_TASKS = 20_000;

/** The largest body each kind of request may carry, in bytes. */
export const BODY_LIMITS = {
  track: 64 * 1024,
  editTask: 4 * 1024,
  signIn: 1024,
  /** 20,000 ids of up to 64 characters, quoted, with room for the rest. */
  bulk: 1536 * 1024,
  /** A prompt of 1,500 characters (up to 6 KB in UTF-8) and a few links. */
  generation: 32 * 1024,
  /** A webhook endpoint: a URL and up to fifty labels. */
  webhook: 16 * 1024,
} as const;
