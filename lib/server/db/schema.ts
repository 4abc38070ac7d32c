import type { Generated } from "kysely";

/**
 * Table shapes for Kysely. Instants are epoch milliseconds. Only portable column types are used
 * so that a Postgres dialect can follow the SQLite default.
 */
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
}

/** Every status or progress change Paddock observed, with when it saw it. */
export interface TaskEventsTable {
  task_id: string;
  observed_at: number;
  status: string;
  upstream_status: string | null;
  progress: number | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  tasks: TasksTable;
  meta: MetaTable;
  task_events: TaskEventsTable;
}
