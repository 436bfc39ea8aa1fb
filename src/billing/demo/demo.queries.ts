import { sql } from 'kysely';
import { userDirectory } from '../../access/index.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { patientDirectory, primaryPayerOf } from '../../patients/index.ts';

/**
 * Active, unmerged patients with an active coverage and no claim yet, in MRN order (the demo seed bills
 * their visits).
 * Reads the patient index through its directory fragment and payer subquery (issue 12 ownership).
 */
export async function coveredPatientIds(db: DbOrTx, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom(patientDirectory(db).as('p'))
    .select('p.id')
    .where('p.status', '=', 'active')
    .where('p.merged_into', 'is', null)
    .where(sql<boolean>`${primaryPayerOf(sql.ref('p.id'))} is not null`)
    .where(({ exists, not, selectFrom }) =>
      not(exists(selectFrom('billing_claim as c').select('c.id').whereRef('c.patient_id', '=', 'p.id'))),
    )
    .orderBy('p.mrn')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The `demo-seed` service account (migration 20261209_1310), through the access directory fragment. */
export async function demoUserId(db: DbOrTx): Promise<string> {
  const row = await db
    .selectFrom(userDirectory(db).as('u'))
    .select('u.id')
    .where('u.username', '=', 'demo-seed')
    .where('u.is_service', '=', true)
    .executeTakeFirstOrThrow();
  return row.id;
}
