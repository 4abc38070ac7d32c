import { type Kysely, type Migration, type MigrationProvider, PostgresAdapter, sql } from "kysely";

/**
 * Migrations live in code so that the production build carries them; names sort in order. Each is
 * a frozen snapshot: it never imports today's code. Columns derived from a snapshot are filled by
 * the task service (`rederiveStaleTasks`), which knows today's normalization.
 */
const migrations: Record<string, Migration> = {
  "2026_11_28_001_tasks": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("tasks")
        .addColumn("id", "varchar(160)", (col) => col.primaryKey())
        .addColumn("added_at", "bigint", (col) => col.notNull())
        .addColumn("status", "varchar(40)")
        .addColumn("status_group", "varchar(20)", (col) => col.notNull().defaultTo("active"))
        .addColumn("upstream_status", "varchar(40)")
        .addColumn("action", "varchar(60)")
        .addColumn("progress", "real")
        .addColumn("prompt", "text")
        .addColumn("submitted_at", "bigint")
        .addColumn("finished_at", "bigint")
        .addColumn("terminal", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("raw_json", "text")
        .addColumn("snapshot_at", "bigint")
        .addColumn("checked_at", "bigint")
        .addColumn("error_code", "varchar(40)")
        .addColumn("error_message", "text")
        .addColumn("error_at", "bigint")
        .execute();
      await db.schema.createIndex("tasks_status_group").on("tasks").column("status_group").execute();
      await db.schema.createIndex("tasks_submitted_at").on("tasks").column("submitted_at").execute();
      await db.schema
        .createTable("meta")
        .addColumn("key", "varchar(100)", (col) => col.primaryKey())
        .addColumn("value", "text", (col) => col.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("meta").execute();
      await db.schema.dropTable("tasks").execute();
    },
  },
  "2026_11_28_002_history_and_failure_category": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("tasks").addColumn("failure_category", "varchar(40)").execute();
      await db.schema
        .createTable("task_events")
        .addColumn("task_id", "varchar(160)", (col) => col.notNull())
        .addColumn("observed_at", "bigint", (col) => col.notNull())
        .addColumn("status", "varchar(40)", (col) => col.notNull())
        .addColumn("upstream_status", "varchar(40)")
        .addColumn("progress", "real")
        .addPrimaryKeyConstraint("task_events_pk", ["task_id", "observed_at"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("task_events").execute();
      await db.schema.alterTable("tasks").dropColumn("failure_category").execute();
    },
  },
  "2026_11_28_003_labels_and_usage": {
    async up(db: Kysely<unknown>) {
      for (const [name, type] of [
        ["label", "varchar(60)"],
        ["resolution_tier", "integer"],
        ["billed_seconds", "real"],
        ["delivered_seconds", "real"],
        ["input_seconds", "real"],
        ["ratio", "varchar(20)"],
        ["queue_wait_ms", "bigint"],
        ["generation_ms", "bigint"],
      ] as const) {
        await db.schema.alterTable("tasks").addColumn(name, type).execute();
      }
      await db.schema.createIndex("tasks_label").on("tasks").column("label").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("tasks_label").execute();
      for (const name of [
        "label",
        "resolution_tier",
        "billed_seconds",
        "delivered_seconds",
        "input_seconds",
        "ratio",
        "queue_wait_ms",
        "generation_ms",
      ]) {
        await db.schema.alterTable("tasks").dropColumn(name).execute();
      }
    },
  },
  "2026_11_29_004_derived_version": {
    async up(db: Kysely<unknown>) {
      // 0: the derived columns predate versioning and are filled again from the stored answer.
      await db.schema
        .alterTable("tasks")
        .addColumn("derived_version", "integer", (col) => col.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("tasks").dropColumn("derived_version").execute();
    },
  },
  "2026_11_29_005_watch_state": {
    async up(db: Kysely<unknown>) {
      for (const [name, type] of [
        ["changed_at", "bigint"],
        ["not_found_count", "integer"],
        ["not_found_since", "bigint"],
        ["stopped_reason", "varchar(20)"],
        ["stopped_at", "bigint"],
      ] as const) {
        await db.schema.alterTable("tasks").addColumn(name, type).execute();
      }
    },
    async down(db: Kysely<unknown>) {
      for (const name of ["changed_at", "not_found_count", "not_found_since", "stopped_reason", "stopped_at"]) {
        await db.schema.alterTable("tasks").dropColumn(name).execute();
      }
    },
  },
  "2026_11_29_006_postgres_doubles": {
    async up(db: Kysely<unknown>) {
      // SQLite's REAL is a double already; PostgreSQL's is a float, too coarse for seconds like 5.041667.
      if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
      for (const column of ["progress", "billed_seconds", "delivered_seconds", "input_seconds"]) {
        await sql`alter table tasks alter column ${sql.ref(column)} type double precision`.execute(db);
      }
    },
  },
  "2026_11_29_007_change_log_and_watcher": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("change_log_head")
        .addColumn("id", "integer", (col) => col.primaryKey())
        .addColumn("seq", "bigint", (col) => col.notNull())
        .execute();
      await db.schema
        .createTable("task_changes")
        .addColumn("seq", "bigint", (col) => col.primaryKey())
        .addColumn("task_id", "varchar(160)", (col) => col.notNull())
        .addColumn("at", "bigint", (col) => col.notNull())
        .addColumn("kind", "varchar(20)", (col) => col.notNull())
        .addColumn("status", "varchar(40)")
        .addColumn("upstream_status", "varchar(40)")
        .addColumn("progress", "double precision")
        .addColumn("has_video", "integer")
        .addColumn("failure_category", "varchar(40)")
        .addColumn("detail", "text")
        .execute();
      await db.schema.createIndex("task_changes_task").on("task_changes").columns(["task_id", "seq"]).execute();
      // The history so far becomes the log's beginning, in the order Paddock observed it.
      await sql`
        insert into task_changes (seq, task_id, at, kind, status, upstream_status, progress)
        select row_number() over (order by observed_at, task_id), task_id, observed_at, 'changed', status,
               upstream_status, progress
        from task_events`.execute(db);
      await sql`insert into change_log_head (id, seq) select 1, coalesce(max(seq), 0) from task_changes`.execute(db);
      await db.schema.dropTable("task_events").execute();

      for (const [name, type] of [
        ["version", "bigint"],
        ["has_video", "integer"],
        ["next_check_at", "bigint"],
        ["lease_owner", "varchar(64)"],
        ["lease_until", "bigint"],
      ] as const) {
        await db.schema.alterTable("tasks").addColumn(name, type).execute();
      }
      await sql`update tasks set version = coalesce((select max(seq) from task_changes where task_id = tasks.id), 0)`.execute(
        db,
      );
      await db.schema.createIndex("tasks_due").on("tasks").columns(["terminal", "next_check_at"]).execute();

      await db.schema
        .createTable("watchers")
        .addColumn("instance_id", "varchar(64)", (col) => col.primaryKey())
        .addColumn("started_at", "bigint", (col) => col.notNull())
        .addColumn("heartbeat_at", "bigint", (col) => col.notNull())
        .addColumn("last_pass_at", "bigint")
        .addColumn("interval_ms", "bigint")
        .addColumn("backing_off", "integer", (col) => col.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable("gateway_state")
        .addColumn("id", "integer", (col) => col.primaryKey())
        .addColumn("failures", "integer", (col) => col.notNull())
        .addColumn("next_attempt_at", "bigint", (col) => col.notNull())
        .addColumn("probe_until", "bigint", (col) => col.notNull())
        .addColumn("budget_tat", "bigint", (col) => col.notNull())
        .addColumn("last_error", "text")
        .execute();
      await sql`insert into gateway_state (id, failures, next_attempt_at, probe_until, budget_tat) values (1, 0, 0, 0, 0)`.execute(
        db,
      );
      await db.schema
        .createTable("rate_limits")
        .addColumn("key", "varchar(200)", (col) => col.primaryKey())
        .addColumn("tat", "bigint", (col) => col.notNull())
        .execute();
    },
  },
  "2026_12_01_008_attribution": {
    async up(db: Kysely<unknown>) {
      // Who tracked a task (a person, a token, or an address when nobody signs in), for quotas and
      // the label's default; until when someone is looking at it, so the watcher asks it first.
      await db.schema.alterTable("tasks").addColumn("added_by", "varchar(200)").execute();
      await db.schema.alterTable("tasks").addColumn("viewed_until", "bigint").execute();
      await db.schema.createIndex("tasks_added_by").on("tasks").columns(["added_by", "terminal"]).execute();
    },
  },
  "2026_12_01_009_people_and_sessions": {
    async up(db: Kysely<unknown>) {
      // Sessions live in the store, so sign-out is real and every instance sees it; only a hash of
      // the cookie's token is kept. A password session carries a tag of the password it was made
      // with: a new password ends them.
      await db.schema
        .createTable("sessions")
        .addColumn("id", "varchar(64)", (col) => col.primaryKey())
        .addColumn("principal_key", "varchar(200)", (col) => col.notNull())
        .addColumn("name", "varchar(200)")
        .addColumn("via", "varchar(20)", (col) => col.notNull())
        .addColumn("password_tag", "varchar(64)")
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("expires_at", "bigint", (col) => col.notNull())
        .execute();
      await db.schema.createIndex("sessions_principal").on("sessions").column("principal_key").execute();
      await db.schema.createIndex("sessions_expires").on("sessions").column("expires_at").execute();
      // People who signed in with the identity provider; removing one ends their sessions and tokens.
      await db.schema
        .createTable("people")
        .addColumn("key", "varchar(200)", (col) => col.primaryKey())
        .addColumn("issuer", "varchar(500)", (col) => col.notNull())
        .addColumn("subject", "varchar(255)", (col) => col.notNull())
        .addColumn("name", "varchar(200)")
        .addColumn("email", "varchar(320)")
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("last_sign_in_at", "bigint")
        .addColumn("removed_at", "bigint")
        .execute();
      // Personal API tokens: a hash of each, and whose it is.
      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "varchar(40)", (col) => col.primaryKey())
        .addColumn("token_hash", "varchar(64)", (col) => col.notNull().unique())
        .addColumn("principal_key", "varchar(200)", (col) => col.notNull())
        .addColumn("name", "varchar(200)")
        .addColumn("description", "varchar(100)", (col) => col.notNull())
        .addColumn("password_tag", "varchar(64)")
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("last_used_at", "bigint")
        .execute();
      await db.schema.createIndex("api_tokens_principal").on("api_tokens").column("principal_key").execute();
      // Failed sign-ins per address (and per person), for growing delays shared by every instance.
      await db.schema
        .createTable("sign_in_failures")
        .addColumn("key", "varchar(200)", (col) => col.primaryKey())
        .addColumn("failures", "integer", (col) => col.notNull())
        .addColumn("last_failed_at", "bigint", (col) => col.notNull())
        .addColumn("blocked_until", "bigint", (col) => col.notNull())
        .execute();
      // An identity provider sign-in under way: its state, nonce and PKCE verifier, used once.
      await db.schema
        .createTable("oidc_flows")
        .addColumn("id", "varchar(64)", (col) => col.primaryKey())
        .addColumn("state", "varchar(100)", (col) => col.notNull())
        .addColumn("nonce", "varchar(100)", (col) => col.notNull())
        .addColumn("verifier", "varchar(200)", (col) => col.notNull())
        .addColumn("next_path", "varchar(2000)", (col) => col.notNull())
        .addColumn("expires_at", "bigint", (col) => col.notNull())
        .execute();
    },
  },
  "2026_12_01_010_board_pages": {
    async up(db: Kysely<unknown>) {
      // The board's pages walk these keys (the board's time, then the id), so a page costs the same
      // at any number of tasks.
      await sql`create index tasks_board_key on tasks (coalesce(submitted_at, added_at), id)`.execute(db);
      await sql`create index tasks_added_key on tasks (added_at, id)`.execute(db);
      // The kinds in the board's filter are read from an index, not from every row.
      await db.schema.createIndex("tasks_action").on("tasks").column("action").execute();
    },
  },
  "2026_12_01_011_board_orders": {
    async up(db: Kysely<unknown>) {
      // The table's column sorts walk these keys (the column, nulls as a sentinel, then the id).
      // The id has its primary key; the submission time the board's key.
      await sql`create index tasks_order_status on tasks (coalesce(status, ''), id)`.execute(db);
      await sql`create index tasks_order_kind on tasks (coalesce(action, ''), id)`.execute(db);
      await sql`create index tasks_order_label on tasks (coalesce(label, ''), id)`.execute(db);
      await sql`create index tasks_order_progress on tasks (coalesce(progress, -1), id)`.execute(db);
      await sql`create index tasks_order_queue on tasks (coalesce(queue_wait_ms, -1), id)`.execute(db);
      await sql`create index tasks_order_generation on tasks (coalesce(generation_ms, -1), id)`.execute(db);
    },
  },
  "2026_12_01_012_generation_requests": {
    async up(db: Kysely<unknown>) {
      // A creation's idempotency key (scoped to who sent it) and its first answer, kept ten minutes:
      // a retry or a double submit gets that answer again instead of a second generation.
      await db.schema
        .createTable("generation_requests")
        .addColumn("key", "varchar(200)", (col) => col.primaryKey())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("fingerprint", "varchar(64)", (col) => col.notNull())
        .addColumn("status", "integer")
        .addColumn("answer", "text")
        .execute();
      await db.schema
        .createIndex("generation_requests_created")
        .on("generation_requests")
        .column("created_at")
        .execute();
    },
  },
  "2026_12_01_013_archive": {
    async up(db: Kysely<unknown>) {
      // What a person sees of a task's saved copy, beside the task (the board reads it with the rest).
      await db.schema.alterTable("tasks").addColumn("archive_state", "varchar(12)").execute();
      await db.schema.alterTable("tasks").addColumn("archive_bytes", "bigint").execute();
      await db.schema.alterTable("tasks").addColumn("archive_detail", "text").execute();
      await db.schema.alterTable("tasks").addColumn("archive_at", "bigint").execute();
      // The archive's own book: one row per video to save (claimed with a lease, so several instances
      // save each video once), kept after the task is untracked until its file is removed.
      await db.schema
        .createTable("video_archive")
        .addColumn("task_id", "varchar(160)", (col) => col.primaryKey())
        .addColumn("state", "varchar(12)", (col) => col.notNull())
        .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("next_attempt_at", "bigint", (col) => col.notNull())
        .addColumn("lease_owner", "varchar(200)")
        .addColumn("lease_until", "bigint")
        .addColumn("storage_key", "varchar(300)")
        .addColumn("bytes", "bigint")
        .addColumn("sha256", "varchar(64)")
        .addColumn("error", "text")
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("saved_at", "bigint")
        .execute();
      await sql`create index video_archive_due on video_archive (state, next_attempt_at)`.execute(db);
      await sql`create index video_archive_saved on video_archive (state, saved_at)`.execute(db);
    },
  },
  "2026_12_01_014_webhooks": {
    async up(db: Kysely<unknown>) {
      // Endpoints added on the Settings page (those from the environment live in the environment).
      // A signing secret is kept as given: it must sign, so it cannot be a hash.
      await db.schema
        .createTable("webhook_endpoints")
        .addColumn("id", "varchar(40)", (col) => col.primaryKey())
        .addColumn("name", "varchar(100)", (col) => col.notNull())
        .addColumn("kind", "varchar(10)", (col) => col.notNull())
        .addColumn("url", "text", (col) => col.notNull())
        .addColumn("secret", "varchar(100)")
        .addColumn("labels", "text", (col) => col.notNull())
        .addColumn("outcomes", "text", (col) => col.notNull())
        .addColumn("enabled", "integer", (col) => col.notNull().defaultTo(1))
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("created_by", "varchar(200)")
        .execute();
      // The last change-log seq turned into events. It starts at the log's head: an upgrade does
      // not replay history to the receivers.
      await db.schema
        .createTable("webhook_cursor")
        .addColumn("id", "integer", (col) => col.primaryKey())
        .addColumn("seq", "bigint", (col) => col.notNull())
        .execute();
      await sql`insert into webhook_cursor (id, seq) select 1, coalesce(max(seq), 0) from change_log_head`.execute(db);
      // One row per (event, endpoint): the unique key makes a second fan-out of the same change a no-op.
      await db.schema
        .createTable("webhook_outbox")
        .addColumn("id", "varchar(100)", (col) => col.primaryKey())
        .addColumn("endpoint_id", "varchar(40)", (col) => col.notNull())
        .addColumn("event_id", "varchar(40)", (col) => col.notNull())
        .addColumn("task_id", "varchar(160)", (col) => col.notNull())
        .addColumn("outcome", "varchar(20)", (col) => col.notNull())
        .addColumn("event", "text", (col) => col.notNull())
        .addColumn("state", "varchar(12)", (col) => col.notNull())
        .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("next_attempt_at", "bigint", (col) => col.notNull())
        .addColumn("lease_owner", "varchar(64)")
        .addColumn("lease_until", "bigint")
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("updated_at", "bigint", (col) => col.notNull())
        .addUniqueConstraint("webhook_outbox_endpoint_event", ["endpoint_id", "event_id"])
        .execute();
      await db.schema
        .createIndex("webhook_outbox_due")
        .on("webhook_outbox")
        .columns(["state", "next_attempt_at"])
        .execute();
      // Every attempt, for the Settings page's delivery log; pruned to the newest rows.
      await db.schema
        .createTable("webhook_deliveries")
        .addColumn("id", "varchar(40)", (col) => col.primaryKey())
        .addColumn("at", "bigint", (col) => col.notNull())
        .addColumn("event_id", "varchar(60)", (col) => col.notNull())
        .addColumn("endpoint_id", "varchar(40)", (col) => col.notNull())
        .addColumn("task_id", "varchar(160)", (col) => col.notNull())
        .addColumn("attempt", "integer", (col) => col.notNull())
        .addColumn("status", "integer")
        .addColumn("error", "varchar(300)")
        .addColumn("duration_ms", "integer", (col) => col.notNull())
        .addColumn("result", "varchar(12)", (col) => col.notNull())
        .execute();
      await db.schema.createIndex("webhook_deliveries_at").on("webhook_deliveries").columns(["at", "id"]).execute();
    },
  },
  "2026_12_02_015_task_requests": {
    async up(db: Kysely<unknown>) {
      // What Paddock sent to start a task (kind, prompt, inputs, seed, watermark): the gateway's
      // answer does not say all of it (text and image tasks share one action; no inputs, no seed).
      await db.schema.alterTable("tasks").addColumn("request", "text").execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
