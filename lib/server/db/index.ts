import "server-only";

import { mkdirSync } from "node:fs";
import path from "node:path";

import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, type SqliteDatabase, SqliteDialect } from "kysely";
import pg from "pg";

import { describeDatabaseError } from "@/lib/server/db/errors";
import { migrationProvider } from "@/lib/server/db/migrations";
import type { Database } from "@/lib/server/db/schema";

export type PaddockDb = Kysely<Database>;

/** SQLite in one file (the embedded default), or the team's PostgreSQL. */
export type DatabaseConfig =
  | { kind: "sqlite"; path: string }
  | {
      kind: "postgres";
      url: string;
      poolSize: number;
      statementTimeoutMs: number;
      /** `require` verifies nothing but encrypts; `verify` checks the server's certificate. */
      ssl: "off" | "require" | "verify";
    };

export interface OpenOptions {
  /** Bring the schema up to date; otherwise refuse a schema that is behind. */
  migrate: boolean;
  /** Told the names of the migrations this opening applied (none when the schema was current). */
  onMigrated?: (names: string[]) => void;
}

/**
 * Opens the database and checks or brings its schema up to date. A string is a PostgreSQL URL
 * (with a small pool and no TLS), ":memory:" or a SQLite file path.
 */
export async function openDatabase(config: DatabaseConfig | string, options: OpenOptions = { migrate: true }) {
  const resolved: DatabaseConfig = typeof config === "string" ? fromString(config) : config;
  const db = resolved.kind === "sqlite" ? openSqlite(resolved.path) : await openPostgres(resolved);
  try {
    const applied = await prepareSchema(db, options.migrate);
    options.onMigrated?.(applied);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

function fromString(value: string): DatabaseConfig {
  return /^postgres(?:ql)?:\/\//.test(value)
    ? { kind: "postgres", url: value, poolSize: 4, statementTimeoutMs: 30_000, ssl: "off" }
    : { kind: "sqlite", path: value };
}

function openSqlite(dbPath: string): PaddockDb {
  if (dbPath !== ":memory:") mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const sqlite = new SQLite(dbPath);
  // WAL keeps readers going while a refresh writes; NORMAL sync is crash-safe in WAL mode.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/** Prepared statements kept, by their SQL: the API runs the same few queries on every request. */
const STATEMENT_CACHE_SIZE = 300;

/**
 * better-sqlite3 with its statements reused: Kysely's SQLite driver prepares every query it runs,
 * and preparing costs about as much as running a short query. Least recently used statements go
 * first. (Paddock never streams a query, the one case where a shared statement could be busy.)
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => void sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/** bigint and numeric come back from node-postgres as text; Paddock's are numbers well inside 2^53. */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    if (oid === pg.types.builtins.NUMERIC) return (value: string) => Number.parseFloat(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

async function openPostgres(config: Extract<DatabaseConfig, { kind: "postgres" }>): Promise<PaddockDb> {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    types: pgTypes,
    statement_timeout: config.statementTimeoutMs,
    connectionTimeoutMillis: 10_000,
    // Names Paddock's sessions in pg_stat_activity; `?application_name=` in the URL overrides it.
    application_name: "paddock",
    ssl: config.ssl === "off" ? undefined : { rejectUnauthorized: config.ssl === "verify" },
  });
  // A connection the server drops must never crash the process. An idle one is replaced by the
  // pool; one checked out (between a transaction's statements) fails its next statement, which the
  // caller retries, and is thrown away when released.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new Error(describeDatabaseError(error, config.url));
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function prepareSchema(db: PaddockDb, migrate: boolean): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  if (!migrate) {
    const pending = (await migrator.getMigrations()).filter((migration) => !migration.executedAt);
    if (pending.length > 0) {
      throw new Error(
        `The database schema is ${pending.length} migration(s) behind: run \`npm run db:migrate\` ` +
          "(or set PADDOCK_MIGRATE=on-start).",
      );
    }
    return [];
  }
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`Database migration failed: ${reason}`);
  }
  return (results ?? []).filter((result) => result.status === "Success").map((result) => result.migrationName);
}

export function isPostgres(db: PaddockDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
