import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

/**
 * The patient fields other domains may join for a listing (a queue row's name and MRN, a banner). The
 * patient index owns `patient`; others join this fragment instead of writing SQL over the table (issue
 * 12), and still check access (patientAccess) and audit what they show.
 * @example db.selectFrom('chart_encounter as e').innerJoin(patientDirectory(db).as('p'), 'p.id', 'e.patient_id')
 */
export const patientDirectory = (db: DbOrTx) =>
  db
    .selectFrom('patient')
    .select([
      'id',
      'mrn',
      'family_name',
      'given_name',
      'birth_date',
      'sex_at_birth',
      'status',
      'merged_into',
      'date_of_death',
    ]);

/**
 * The patient's first active coverage's payer (primary before secondary before tertiary), as a
 * correlated subquery over a patient id column or value.
 */
export const primaryPayerOf = (patientId: unknown) =>
  sql<string | null>`(select pc.payer from patient_coverage pc where pc.patient_id = ${patientId}
    and pc.status = 'active' order by pc.priority limit 1)`;

/** The patient fields release-of-information letters show. */
export async function patientForLetters(db: DbOrTx, patientId: string) {
  return db
    .selectFrom('patient')
    .select(['id', 'mrn', 'family_name', 'given_name', 'birth_date'])
    .where('id', '=', patientId)
    .executeTakeFirst();
}

/** The patient's current postal address, one line (letters go here unless a confidential address applies). */
export async function currentAddress(db: DbOrTx, patientId: string): Promise<string | null> {
  const a = await db
    .selectFrom('patient_address')
    .select(['line1', 'line2', 'city', 'state', 'postal_code'])
    .where('patient_id', '=', patientId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  return a ? [a.line1, a.line2, `${a.city} ${a.state} ${a.postal_code}`].filter(Boolean).join(', ') : null;
}

/**
 * The records merged into this one, directly or through a chain (A into B, B into C: both for C), so a
 * record kept per patient and never moved (the accounting of disclosures, append-only) can be read for the
 * person the chart now belongs to. An unmerge clears `merged_into`, so the list follows it.
 */
export async function absorbedRecords(db: DbOrTx, patientId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    with recursive absorbed(id) as (
      select id from patient where merged_into = ${patientId}
      union
      select p.id from patient p join absorbed a on p.merged_into = a.id
    )
    select id from absorbed`.execute(db);
  return rows.rows.map((r) => r.id);
}
