import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

export async function databaseServerInfo(db: DbOrTx): Promise<{ version: string; name: string }> {
  const { rows } = await sql<{ version: string; name: string }>`
    select current_setting('server_version') as version, current_database() as name`.execute(db);
  return rows[0]!;
}
