/** The ways a call to the gateway can fail, with the HTTP status Paddock answers for each. */

export const UPSTREAM_ERRORS = {
  invalid_id: { status: 400, title: "Invalid task id" },
  not_found: { status: 404, title: "Task not found upstream" },
  unauthorized: { status: 502, title: "The gateway rejected Paddock's API key" },
  rate_limited: { status: 503, title: "The gateway is rate limiting Paddock" },
  unavailable: { status: 503, title: "The gateway is unavailable" },
  upstream_error: { status: 502, title: "The gateway answered with an error" },
  malformed: { status: 502, title: "The gateway's answer could not be read" },
  timeout: { status: 504, title: "The gateway did not answer in time" },
} as const;

export type UpstreamErrorCode = keyof typeof UPSTREAM_ERRORS;

export interface UpstreamError {
  code: UpstreamErrorCode;
  message: string;
  /** From Retry-After, when the gateway sent one. */
  retryAfterMs?: number;
}
