import "server-only";

import { mkdirSync } from "node:fs";
import path from "node:path";

import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";

import { migrationProvider } from "@/lib/server/db/migrations";
import type { Database } from "@/lib/server/db/schema";

export type PaddockDb = Kysely<Database>;

/** Opens the SQLite file (":memory:" for tests) and brings its schema up to date. */
export async function openDatabase(dbPath: string): Promise<PaddockDb> {
  if (dbPath !== ":memory:") mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const sqlite = new SQLite(dbPath);
  // WAL keeps readers going while a refresh writes; NORMAL sync is crash-safe in WAL mode.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    await db.destroy();
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`Database migration failed: ${reason}`);
  }
  return db;
}
