import { describe, expect, it } from "vitest";

import { openDatabase } from "@/lib/server/db";

import { createTestDatabase, PG_ADMIN_URL } from "../support/postgres";

/** Against the real server: what an operator reads when DATABASE_URL is wrong, or the schema is behind. */

const config = (url: string) =>
  ({ kind: "postgres", url, poolSize: 2, statementTimeoutMs: 5_000, ssl: "off" }) as const;

function withPath(pathname: string, port?: string) {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = pathname;
  if (port) url.port = port;
  return url.toString();
}

describe("opening PostgreSQL", () => {
  it("names a database that does not exist", async () => {
    await expect(openDatabase(config(withPath("/paddock_no_such_database")), { migrate: false })).rejects.toThrow(
      /has no database "paddock_no_such_database": create it, or fix DATABASE_URL/,
    );
  });

  it("names a port where nothing listens", async () => {
    await expect(openDatabase(config(withPath("/postgres", "1")), { migrate: false })).rejects.toThrow(
      /Cannot reach PostgreSQL at 127\.0\.0\.1:1: the connection was refused/,
    );
  });

  it("refuses a schema that is behind unless told to migrate, then migrates", async () => {
    const database = await createTestDatabase();
    try {
      await expect(openDatabase(config(database.url), { migrate: false })).rejects.toThrow(
        /migration\(s\) behind: run `npm run db:migrate`/,
      );
      let applied: string[] = [];
      const db = await openDatabase(config(database.url), { migrate: true, onMigrated: (names) => (applied = names) });
      expect(applied.length).toBeGreaterThanOrEqual(7);
      await db.destroy();
      const again = await openDatabase(config(database.url), { migrate: false });
      await again.destroy();
    } finally {
      await database.drop();
    }
  });
});
