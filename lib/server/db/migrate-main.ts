/** `npm run db:migrate`: brings the configured database (DATABASE_URL, else the SQLite file) up to date. */
import { parseEnv } from "@/lib/env-schema";
import { openDatabase } from "@/lib/server/db";

async function main() {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`The environment is not valid:\n${parsed.problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
  }
  const { database } = parsed.env;
  let applied: string[] = [];
  const db = await openDatabase(database, { migrate: true, onMigrated: (names) => (applied = names) });
  await db.destroy();
  const store = database.kind === "postgres" ? "PostgreSQL" : `SQLite (${database.path})`;
  if (applied.length > 0) console.info(`Applied ${applied.length} migration(s): ${applied.join(", ")}.`);
  console.info(`The ${store} schema is up to date.`);
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
