/** The ways a call to the gateway can fail. Paddock's HTTP status for each lives in `lib/api/errors.ts`. */

export const UPSTREAM_ERRORS = {
  invalid_id: { title: "Invalid task id" },
  not_found: { title: "Task not found upstream" },
  unauthorized: { title: "The gateway rejected Paddock's API key" },
  rate_limited: { title: "The gateway is rate limiting Paddock" },
  unavailable: { title: "The gateway is unavailable" },
  upstream_error: { title: "The gateway answered with an error" },
  malformed: { title: "The gateway's answer could not be read" },
  timeout: { title: "The gateway did not answer in time" },
} as const satisfies Record<string, { title: string }>;

export type UpstreamErrorCode = keyof typeof UPSTREAM_ERRORS;
export const UPSTREAM_ERROR_CODES = Object.keys(UPSTREAM_ERRORS) as [UpstreamErrorCode, ...UpstreamErrorCode[]];

export interface UpstreamError {
  code: UpstreamErrorCode;
  message: string;
  /** From Retry-After, when the gateway sent one. */
  retryAfterMs?: number;
}
