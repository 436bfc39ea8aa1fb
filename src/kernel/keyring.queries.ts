import { sql } from 'kysely';
import type { DbOrTx } from './db.ts';

export interface StoredKey {
  kid: string;
  check_value: string;
  status: 'current' | 'retired';
}

/** Whether the key table exists yet (a database from before migration 20261207_1410 has none). */
export async function keyTableExists(db: DbOrTx): Promise<boolean> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass('kernel_key')::text as t`.execute(db);
  return rows[0]?.t != null;
}

export function storedKeys(db: DbOrTx): Promise<StoredKey[]> {
  return db.selectFrom('kernel_key').select(['kid', 'check_value', 'status']).orderBy('created_at').execute();
}

/** Records the first key of a database; a concurrent first start loses the race and re-reads. */
export async function insertFirstKey(db: DbOrTx, kid: string, check: string): Promise<void> {
  await db
    .insertInto('kernel_key')
    .values({ kid, check_value: check, status: 'current' })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
