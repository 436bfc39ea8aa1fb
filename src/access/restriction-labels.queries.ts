import type { DbOrTx } from '../kernel/db.ts';

/** Every label a patient has ever carried, newest first (the restriction history). */
export async function labelHistory(db: DbOrTx, patientId: string) {
  return db
    .selectFrom('access_patient_label as l')
    .leftJoin('access_user as cu', 'cu.id', 'l.created_by')
    .leftJoin('access_user as ru', 'ru.id', 'l.removed_by')
    .select([
      'l.id',
      'l.label',
      'l.note',
      'l.created_at',
      'l.created_by',
      'l.created_by_name',
      'cu.username as created_by_username',
      'l.removed_at',
      'l.removed_by',
      'l.removed_by_name',
      'ru.username as removed_by_username',
      'l.removed_reason',
    ])
    .where('l.patient_id', '=', patientId)
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id')
    .execute();
}

/** Adds an active label; undefined when the patient already carries it (the partial unique index). */
export async function insertActiveLabel(
  db: DbOrTx,
  row: {
    patient_id: string;
    label: string;
    note: string;
    created_at: Date;
    created_by: string | null;
    created_by_name: string;
  },
): Promise<string | undefined> {
  const out = await db
    .insertInto('access_patient_label')
    .values(row)
    .onConflict((oc) => oc.columns(['patient_id', 'label']).where('removed_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return out?.id;
}

/** Ends the active label; undefined when the patient does not carry it. */
export async function endActiveLabel(
  db: DbOrTx,
  patientId: string,
  label: string,
  removal: { removed_at: Date; removed_by: string | null; removed_by_name: string; removed_reason: string },
): Promise<string | undefined> {
  const out = await db
    .updateTable('access_patient_label')
    .set(removal)
    .where('patient_id', '=', patientId)
    .where('label', '=', label)
    .where('removed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return out?.id;
}

/**
 * The active labels as a fragment other domains may join (the patient index's list of restricted
 * records names the patient; the access domain still owns and writes the SQL over its table).
 */
export const activeLabelRows = (db: DbOrTx) =>
  db
    .selectFrom('access_patient_label')
    .select(['patient_id', 'label', 'created_at', 'created_by_name'])
    .where('removed_at', 'is', null);
