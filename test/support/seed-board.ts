import { readFileSync } from "node:fs";

import Database from "better-sqlite3";

import { startPaddock } from "./paddock-server";

/**
 * A board of many finished tasks, fast: a first start (watcher off) tracks the ids through the API
 * in batches, then every task gets the documented answer (a success) as its snapshot straight in
 * the SQLite file, each with its own submit time so the board has an order. The caller's next
 * start on the same file derives the columns; the watcher leaves finished tasks be, so the board
 * is idle until the caller adds something. Asking the gateway 20,000 times would take minutes.
 */

const BATCH = 500;
const DOCUMENTED_ID = "asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya";
const DOCUMENTED_SUBMIT = 1777343862;

export interface SeedOptions {
  size: number;
  dbPath: string;
  /** The first start's environment (its gateway); the database, the watcher and the limits are set here. */
  env: Record<string, string>;
  /** Distinguishes the ids of one case from another's. */
  prefix: string;
}

export const seededIds = (prefix: string, size: number) =>
  Array.from({ length: size }, (_, i) => `asyntask_${prefix}${String(i).padStart(8, "0")}`);

/** Tracks `size` ids and stores a finished snapshot for each; answers the ids. */
export async function seedBoard({ size, dbPath, env, prefix }: SeedOptions): Promise<string[]> {
  const first = await startPaddock({
    ...env,
    PADDOCK_DB_PATH: dbPath,
    PADDOCK_WATCHER: "off",
    PADDOCK_ACTIVE_TASK_QUOTA: String(size + 100),
    PADDOCK_API_RATE_PER_MINUTE: "100000",
  });
  const ids = seededIds(prefix, size);
  try {
    for (let start = 0; start < size; start += BATCH) {
      const response = await fetch(`${first.url}/api/tasks`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ids: ids.slice(start, start + BATCH) }),
      });
      if (!response.ok) throw new Error(`tracking answered ${response.status}`);
    }
  } finally {
    await first.stop();
  }
  const documented = readFileSync("lib/simulator/documented-success.json", "utf8");
  const db = new Database(dbPath);
  try {
    const update = db.prepare(
      "update tasks set raw_json = ?, snapshot_at = ?, checked_at = ?, derived_version = 0 where id = ?",
    );
    db.transaction(() => {
      ids.forEach((id, index) => {
        const raw = documented
          .replaceAll(DOCUMENTED_ID, id)
          .replace(`"submit_time": ${DOCUMENTED_SUBMIT}`, `"submit_time": ${DOCUMENTED_SUBMIT + index}`);
        update.run(raw, Date.now(), Date.now(), id);
      });
    })();
  } finally {
    db.close();
  }
  return ids;
}
