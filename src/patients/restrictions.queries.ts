import { activeLabelRows } from '../access/index.ts';
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

/**
 * Restricted records for the privacy officer's list: one row per record and label, newest first,
 * joining the access domain's label fragment (it owns the labels).
 */
export async function restrictedRecords(
  db: DbOrTx,
  label: string | undefined,
  limit: number,
  offset: number,
) {
  let q = db
    .selectFrom('patient as p')
    .innerJoin(activeLabelRows(db).as('l'), 'l.patient_id', 'p.id')
    .where('p.status', '=', 'active');
  if (label) q = q.where('l.label', '=', label);
  const [items, total] = await Promise.all([
    q
      .select([
        'p.id',
        'p.mrn',
        'p.family_name',
        'p.given_name',
        'p.birth_date',
        'l.label',
        'l.created_at',
        'l.created_by_name',
      ])
      .orderBy('l.created_at', 'desc')
      .orderBy('p.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
