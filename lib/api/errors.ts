import { z } from "zod/mini";

import type { UpstreamErrorCode } from "@/lib/happyhorse/upstream-error";
import { lazySchema } from "@/lib/lazy-schema";

/**
 * Every error code Paddock's API answers with, and its HTTP status: one table for the route
 * handlers (which never pick a status by hand) and the browser (which reads the code).
 */
export const API_ERRORS = {
  invalid_id: { status: 400 },
  invalid_ids: { status: 400 },
  invalid_query: { status: 400 },
  invalid_body: { status: 400 },
  invalid_json: { status: 400 },
  unauthorized: { status: 401 },
  wrong_password: { status: 401 },
  cross_origin: { status: 403 },
  forbidden: { status: 403 },
  video_host_refused: { status: 403 },
  not_tracked: { status: 404 },
  not_found: { status: 404 },
  no_video: { status: 404 },
  sign_in_off: { status: 404 },
  video_expired: { status: 410 },
  body_too_large: { status: 413 },
  unsupported_media_type: { status: 415 },
  too_many_tokens: { status: 409 },
  too_many_webhooks: { status: 409 },
  idempotency_conflict: { status: 409 },
  selection_changed: { status: 409 },
  generation_refused: { status: 422 },
  relay_off: { status: 404 },
  archive_off: { status: 404 },
  no_archive: { status: 409 },
  rate_limited: { status: 429 },
  too_many_attempts: { status: 429 },
  quota_exceeded: { status: 429 },
  internal_error: { status: 500 },
  gateway_unauthorized: { status: 502 },
  gateway_error: { status: 502 },
  gateway_malformed: { status: 502 },
  video_unavailable: { status: 502 },
  gateway_rate_limited: { status: 503 },
  gateway_unavailable: { status: 503 },
  paddock_unavailable: { status: 503 },
  database_unavailable: { status: 503 },
  storage_unavailable: { status: 503 },
  gateway_timeout: { status: 504 },
} as const satisfies Record<string, { status: number }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** A gateway failure on a look-up that has no snapshot to fall back on, as Paddock's API reports it. */
export const GATEWAY_FAILURE_CODES = {
  invalid_id: "invalid_id",
  not_found: "not_found",
  unauthorized: "gateway_unauthorized",
  rate_limited: "gateway_rate_limited",
  unavailable: "gateway_unavailable",
  upstream_error: "gateway_error",
  malformed: "gateway_malformed",
  timeout: "gateway_timeout",
} as const satisfies Record<UpstreamErrorCode, ApiErrorCode>;

/** The body of every error answer. */
export const apiErrorBodySchema = lazySchema(() =>
  z.object({
    error: z.object({ code: z.string(), message: z.string(), details: z.optional(z.unknown()) }),
  }),
);
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
