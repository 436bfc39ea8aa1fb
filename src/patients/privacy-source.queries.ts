import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

/**
 * The demographics privacy monitoring (issue 23) compares: the normalized surname, the current address
 * (line and postal code, normalized) and the date of death. Read through patients/index.ts.
 */
export async function patientsForPrivacy(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{
    id: string;
    family_norm: string;
    address_key: string | null;
    date_of_death: string | null;
  }>`
    select id, family_norm,
      case when address_line is null then null
        else lower(regexp_replace(address_line, '[^a-zA-Z0-9]', '', 'g')) || '|' || coalesce(postal_code, '') end
        as address_key,
      date_of_death::text as date_of_death
    from patient where id = any(${ids}::uuid[])`.execute(db);
  return rows;
}
