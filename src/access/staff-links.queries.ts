import type { DbOrTx } from '../kernel/db.ts';
import type { AccessUserPatientLinkTable } from './access.tables.ts';

/** The staff linked to a patient record (active and ended), newest first, with the user's name. */
export async function linksForPatient(db: DbOrTx, patientId: string) {
  return db
    .selectFrom('access_user_patient_link as l')
    .innerJoin('access_user as u', 'u.id', 'l.user_id')
    .select([
      'l.id',
      'l.user_id',
      'u.username',
      'u.full_name',
      'l.kind',
      'l.reason',
      'l.linked_at',
      'l.linked_by',
      'l.removed_at',
      'l.removed_by',
      'l.removed_reason',
    ])
    .where('l.patient_id', '=', patientId)
    .orderBy('l.linked_at', 'desc')
    .execute();
}

export async function userExists(db: DbOrTx, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('access_user')
    .select('id')
    .where('id', '=', userId)
    .where('is_service', '=', false)
    .executeTakeFirst();
  return Boolean(row);
}

/** Adds an active link; undefined when this user is already linked to the record. */
export async function insertLink(
  db: DbOrTx,
  row: Omit<AccessUserPatientLinkTable, 'id' | 'removed_at' | 'removed_by' | 'removed_reason'>,
): Promise<string | undefined> {
  const out = await db
    .insertInto('access_user_patient_link')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'patient_id']).where('removed_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return out?.id;
}

export async function endLink(
  db: DbOrTx,
  patientId: string,
  linkId: string,
  removal: { removed_at: Date; removed_by: string; removed_reason: string },
) {
  return db
    .updateTable('access_user_patient_link')
    .set(removal)
    .where('id', '=', linkId)
    .where('patient_id', '=', patientId)
    .where('removed_at', 'is', null)
    .returning(['id', 'user_id', 'kind'])
    .executeTakeFirst();
}

/** Every active link (the monitoring rules' map of staff to their own and their family's records). */
export async function activeLinks(db: DbOrTx) {
  return db
    .selectFrom('access_user_patient_link')
    .select(['user_id', 'patient_id', 'kind'])
    .where('removed_at', 'is', null)
    .execute();
}

/** Moves a retired record's links to the survivor on merge (issue 23: staff links follow the chart). */
export async function moveLinks(db: DbOrTx, fromPatientId: string, toPatientId: string) {
  return db
    .updateTable('access_user_patient_link')
    .set({ patient_id: toPatientId })
    .where('patient_id', '=', fromPatientId)
    .where('removed_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('access_user_patient_link as s')
            .select('s.id')
            .whereRef('s.user_id', '=', 'access_user_patient_link.user_id')
            .where('s.patient_id', '=', toPatientId)
            .where('s.removed_at', 'is', null),
        ),
      ),
    )
    .returning('id')
    .execute();
}

/** Puts the given links back on the restored record, only where they still sit with `fromPatientId`. */
export async function moveLinksBack(db: DbOrTx, ids: string[], fromPatientId: string, toPatientId: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('access_user_patient_link')
    .set({ patient_id: toPatientId })
    .where('id', 'in', ids)
    .where('patient_id', '=', fromPatientId)
    .execute();
}

/** Members of staff by username or name, for the link picker (never service accounts, never secrets). */
export async function searchStaff(db: DbOrTx, q: string, limit = 20) {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('access_user')
    .select(['id', 'username', 'full_name'])
    .where('is_service', '=', false)
    .where((eb) => eb.or([eb('username', 'ilike', like), eb('full_name', 'ilike', like)]))
    .orderBy('full_name')
    .limit(limit)
    .execute();
}
