import { randomBytes } from "node:crypto";

import pg from "pg";

/**
 * A PostgreSQL database of the test's own, created on the server that runs here (or the one
 * PADDOCK_TEST_PG_URL names) and dropped afterwards, so parallel runs never share tables.
 * .ci/install-system-packages starts Debian's PostgreSQL when none answers; a test never skips it.
 */

export const PG_ADMIN_URL = process.env.PADDOCK_TEST_PG_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `paddock_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
