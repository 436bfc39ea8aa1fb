import type { DbOrTx } from '../kernel/db.ts';
import { versionForDate } from './search.queries.ts';

type VersionRow = Awaited<ReturnType<typeof versionForDate>>;

/**
 * Which loaded version is in force for a system on a date changes only when a code set is imported, yet
 * every search keystroke and every edits run asked the database (one round trip each; bench/coding
 * showed the query itself takes 0.05 ms while the round trip costs milliseconds on a busy machine).
 * Answers are kept for a few seconds per database handle, and forgotten at once when this process
 * imports; an import run by the CLI in another process is seen within TTL_MS.
 */
const TTL_MS = 5_000;
const caches = new WeakMap<object, Map<string, { until: number; row: Promise<VersionRow> }>>();

export function versionInForce(db: DbOrTx, system: string, date: string): Promise<VersionRow> {
  // A transaction may see its own uncommitted import: it always asks the database.
  if (db.isTransaction) return versionForDate(db, system, date);
  const cache = caches.get(db) ?? new Map();
  caches.set(db, cache);
  const key = `${system}|${date}`;
  // Monotonic process time for the cache's own expiry (not business time, which comes from ctx.clock).
  const now = performance.now();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.row;
  const row = versionForDate(db, system, date);
  cache.set(key, { until: now + TTL_MS, row });
  row.catch(() => cache.delete(key));
  if (cache.size > 1_000) cache.clear();
  return row;
}

/** Called after an import commits: the next lookups ask the database again. */
export function forgetVersionsInForce(db: DbOrTx): void {
  caches.delete(db);
}
