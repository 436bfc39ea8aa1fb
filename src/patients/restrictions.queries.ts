import type { DbOrTx } from '../kernel/db.ts';

/** Whether a record exists and is active (restriction changes go to the surviving record). */
export async function patientStatus(db: DbOrTx, id: string) {
  return db.selectFrom('patient').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
}

/** The record with this facility MRN (the CLI names patients by MRN). */
export async function patientIdByMrn(db: DbOrTx, mrn: string): Promise<string | undefined> {
  const row = await db.selectFrom('patient').select('id').where('mrn', '=', mrn).executeTakeFirst();
  return row?.id;
}
