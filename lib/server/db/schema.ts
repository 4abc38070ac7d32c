import type { Generated } from "kysely";

/**
 * Table shapes for Kysely. Instants are epoch milliseconds. Only portable column types are used
 * so that a Postgres dialect can follow the SQLite default.
 */
/** A creation's idempotency key (scoped to its sender) and its first answer, kept ten minutes. */
export interface GenerationRequestsTable {
  key: string;
  created_at: number;
  /** The request's hash: the same key with another request is refused. */
  fingerprint: string;
  /** Null while the creation is under way. */
  status: number | null;
  answer: string | null;
}

export interface TasksTable {
  id: string;
  added_at: number;
  /** Latest snapshot, normalized for filtering and sorting; null until the first answer. */
  status: string | null;
  status_group: Generated<string>;
  upstream_status: string | null;
  action: string | null;
  progress: number | null;
  prompt: string | null;
  submitted_at: number | null;
  finished_at: number | null;
  terminal: Generated<number>;
  /** The gateway's whole answer, as received. */
  raw_json: string | null;
  snapshot_at: number | null;
  /** The last refresh attempt, successful or not. */
  checked_at: number | null;
  error_code: string | null;
  error_message: string | null;
  error_at: number | null;
  failure_category: string | null;
  /** Who or what the task is for: a person, a project, a client. */
  label: string | null;
  resolution_tier: number | null;
  billed_seconds: number | null;
  delivered_seconds: number | null;
  input_seconds: number | null;
  ratio: string | null;
  queue_wait_ms: number | null;
  generation_ms: number | null;
  /** Which normalization derived the columns above from `raw_json`. */
  derived_version: Generated<number>;
  /** When the status, upstream status or progress last moved (the latest history event). */
  changed_at: number | null;
  /** Consecutive answers saying the gateway does not know the task, and since when. */
  not_found_count: number | null;
  not_found_since: number | null;
  /** Why Paddock stopped watching a task that never finished: not_found or gave_up. */
  stopped_reason: string | null;
  stopped_at: number | null;
  /** The sequence number of the task's latest change in the log: it moves only on a real change. */
  version: number | null;
  has_video: number | null;
  /** When the watcher should ask the gateway next (null: now); the lease of the instance asking. */
  next_check_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  /** Who tracked the task: a principal's key (see lib/server/security/principal.ts). */
  added_by: string | null;
  /** Until when someone is looking at the task: the watcher asks it before the backlog. */
  viewed_until: number | null;
  /** The saved copy as people see it (see lib/server/archive): null while there is none to save. */
  archive_state: ArchiveState | null;
  archive_bytes: number | null;
  /** Why saving failed, or why the copy was removed. */
  archive_detail: string | null;
  archive_at: number | null;
  /** The generation request Paddock sent (JSON), for a task started here: "Duplicate with changes" reads it. */
  request: string | null;
}

export type ArchiveState = (typeof ARCHIVE_STATES)[number];

/** The archive's work and files: one row per video to keep, claimed with a lease. */
export interface VideoArchiveTable {
  task_id: string;
  /** `saving` (due at `next_attempt_at`), `saved`, `failed` (gave up) or `deleted`. */
  state: ArchiveState;
  attempts: Generated<number>;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  /** Where the file is in the archive's storage (a path under PADDOCK_ARCHIVE_DIR). */
  storage_key: string | null;
  bytes: number | null;
  sha256: string | null;
  error: string | null;
  created_at: number;
  saved_at: number | null;
}

import type { ChangeKind } from "@/lib/api/change-schemas";
import type { ARCHIVE_STATES } from "@/lib/api/task-schemas";

export { CHANGE_KINDS, type ChangeKind } from "@/lib/api/change-schemas";

/**
 * Every change of every task, in the order it was stored (`seq` is given out under a row lock,
 * so commits follow it): what the board, notifications and the archive read with a cursor.
 */
export interface TaskChangesTable {
  seq: number;
  task_id: string;
  at: number;
  kind: ChangeKind;
  status: string | null;
  upstream_status: string | null;
  progress: number | null;
  has_video: number | null;
  failure_category: string | null;
  /** What the change was about, in a word or a sentence (an error's code, a label, a stop's reason). */
  detail: string | null;
}

export interface ChangeLogHeadTable {
  id: number;
  seq: number;
}

/** The watchers alive (a heartbeat every pass), for the board's notice and the health route. */
export interface WatchersTable {
  instance_id: string;
  started_at: number;
  heartbeat_at: number;
  last_pass_at: number | null;
  interval_ms: number | null;
  backing_off: Generated<number>;
}

/** The gateway's health and the call budget, shared by every instance (one row). */
export interface GatewayStateTable {
  id: number;
  failures: number;
  next_attempt_at: number;
  probe_until: number;
  /** The call budget's theoretical arrival time (GCRA), in epoch ms. */
  budget_tat: number;
  /** The last gateway failure, as JSON. */
  last_error: string | null;
}

/** Per-client rate limits shared by every instance (GCRA), when several run on PostgreSQL. */
export interface RateLimitsTable {
  key: string;
  tat: number;
}

/** A signed-in session; `id` is the SHA-256 of the cookie's token. */
export interface SessionsTable {
  id: string;
  principal_key: string;
  name: string | null;
  via: "password" | "oidc";
  password_tag: string | null;
  created_at: number;
  expires_at: number;
}

export interface PeopleTable {
  key: string;
  issuer: string;
  subject: string;
  name: string | null;
  email: string | null;
  created_at: number;
  last_sign_in_at: number | null;
  removed_at: number | null;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  principal_key: string;
  name: string | null;
  description: string;
  password_tag: string | null;
  created_at: number;
  last_used_at: number | null;
}

export interface SignInFailuresTable {
  key: string;
  failures: number;
  last_failed_at: number;
  blocked_until: number;
}

export interface OidcFlowsTable {
  id: string;
  state: string;
  nonce: string;
  verifier: string;
  next_path: string;
  expires_at: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** A webhook endpoint added on the Settings page; `labels` and `outcomes` are JSON arrays. */
export interface WebhookEndpointsTable {
  id: string;
  name: string;
  kind: "slack" | "json";
  url: string;
  /** The signing secret of a JSON endpoint, kept as given (it must sign); never sent back by the API. */
  secret: string | null;
  labels: string;
  outcomes: string;
  enabled: Generated<number>;
  created_at: number;
  created_by: string | null;
}

/** The last change-log seq turned into webhook events (one row). */
export interface WebhookCursorTable {
  id: number;
  seq: number;
}

/** One event to deliver to one endpoint, until delivered or given up. */
export interface WebhookOutboxTable {
  /** `${event_id}:${endpoint_id}`; (endpoint_id, event_id) is unique too. */
  id: string;
  endpoint_id: string;
  event_id: string;
  task_id: string;
  outcome: string;
  /** The event as JSON, built once at fan-out: every attempt sends the same thing. */
  event: string;
  state: "pending" | "delivered" | "failed";
  attempts: Generated<number>;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
}

/** One delivery attempt, for the delivery log. */
export interface WebhookDeliveriesTable {
  id: string;
  at: number;
  event_id: string;
  endpoint_id: string;
  task_id: string;
  attempt: number;
  /** The receiver's HTTP status, or null when no answer came (then `error` says why). */
  status: number | null;
  error: string | null;
  duration_ms: number;
  /** delivered, retrying, failed (no more attempts) or test. */
  result: string;
}

export interface Database {
  tasks: TasksTable;
  meta: MetaTable;
  task_changes: TaskChangesTable;
  generation_requests: GenerationRequestsTable;
  change_log_head: ChangeLogHeadTable;
  watchers: WatchersTable;
  gateway_state: GatewayStateTable;
  rate_limits: RateLimitsTable;
  sessions: SessionsTable;
  people: PeopleTable;
  api_tokens: ApiTokensTable;
  sign_in_failures: SignInFailuresTable;
  oidc_flows: OidcFlowsTable;
  video_archive: VideoArchiveTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_cursor: WebhookCursorTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
