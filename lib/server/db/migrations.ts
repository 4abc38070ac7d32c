import type { Kysely, Migration, MigrationProvider } from "kysely";

import { usageColumns } from "@/lib/server/db/usage-columns";

/** Migrations live in code so that the production build carries them; names sort in order. */
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
      // Fill the new columns from the snapshots already stored.
      type Columns = NonNullable<ReturnType<typeof usageColumns>>;
      const typed = db as Kysely<{ tasks: { id: string; raw_json: string | null } & Columns }>;
      const rows = await typed
        .selectFrom("tasks")
        .select(["id", "raw_json"])
        .where("raw_json", "is not", null)
        .execute();
      for (const row of rows) {
        const columns = usageColumns(row.raw_json);
        if (columns) await typed.updateTable("tasks").set(columns).where("id", "=", row.id).execute();
      }
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
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
