/**
 * Ids in slices small enough for one `where id in (…)` on both engines (SQLite's and PostgreSQL's
 * parameter limits), for reads and for writes of a few hundred rows per transaction.
 */
export function* idChunks(ids: readonly string[], size = 500): Generator<string[]> {
  for (let start = 0; start < ids.length; start += size) yield ids.slice(start, start + size);
}
