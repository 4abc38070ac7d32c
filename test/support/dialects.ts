import { afterAll, beforeAll, describe } from "vitest";

import { openDatabase, type PaddockDb } from "@/lib/server/db";

import { createTestDatabase, type TestDatabase } from "./postgres";

/** The store's tests run on both engines: the embedded SQLite and a real PostgreSQL server. */
export const DIALECTS = ["sqlite", "postgres"] as const;
export type Dialect = (typeof DIALECTS)[number];

export async function openTestDatabase(dialect: Dialect): Promise<{ db: PaddockDb; close(): Promise<void> }> {
  if (dialect === "sqlite") {
    const db = await openDatabase(":memory:");
    return { db, close: () => db.destroy() };
  }
  const database: TestDatabase = await createTestDatabase();
  const db = await openDatabase(
    { kind: "postgres", url: database.url, poolSize: 5, statementTimeoutMs: 15_000, ssl: "off" },
    { migrate: true },
  );
  return {
    db,
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}

/** Runs `body` once per dialect, each with a fresh database of its own. */
export function describeEachDialect(title: string, body: (db: () => PaddockDb, dialect: Dialect) => void) {
  for (const dialect of DIALECTS) {
    describe(`${title} (${dialect})`, () => {
      let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
      beforeAll(async () => {
        opened = await openTestDatabase(dialect);
      });
      afterAll(async () => {
        await opened?.close();
      });
      body(() => {
        if (!opened) throw new Error("The test database is not open.");
        return opened.db;
      }, dialect);
    });
  }
}
