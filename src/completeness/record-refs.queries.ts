import { userDirectory } from '../access/index.ts';
import { encounterDirectory, entryDirectory } from '../chart/index.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { patientDirectory } from '../patients/index.ts';

/**
 * Existence checks for what completion items point at (users, encounters, entries). Only ids and owners
 * are read here; the record's content is read through the chart domain's services.
 */
export async function activeUser(db: DbOrTx, id: string) {
  return db
    .selectFrom(userDirectory(db).as('u'))
    .select(['id', 'full_name', 'credentials'])
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
}

export async function patientExists(db: DbOrTx, id: string): Promise<boolean> {
  const row = await db
    .selectFrom(patientDirectory(db).as('p'))
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** The patient an encounter belongs to, or undefined. */
export async function encounterOwner(db: DbOrTx, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom(encounterDirectory(db).as('e'))
    .select('patient_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.patient_id;
}

/** Owners of chart entries by id (missing ids are absent from the map). */
export async function entryOwners(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(entryDirectory(db).as('n'))
    .select(['id', 'patient_id'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.patient_id]));
}
