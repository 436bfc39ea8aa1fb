import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

/**
 * Gives the survivor every active label of the retired record it does not already have (a copy: the
 * retired record keeps its own). Returns the ids of the copies, so an unmerge removes exactly those.
 */
export async function copyActiveLabels(
  db: DbOrTx,
  fromId: string,
  toId: string,
  at: Date,
  by: string | null,
): Promise<string[]> {
  const rows = await db
    .insertInto('access_patient_label')
    .columns(['patient_id', 'label', 'note', 'created_at', 'created_by'])
    .expression((eb) =>
      eb
        .selectFrom('access_patient_label as r')
        .select([
          sql<string>`${toId}::uuid`.as('patient_id'),
          'r.label',
          'r.note',
          sql<Date>`${at}::timestamptz`.as('created_at'),
          sql<string | null>`${by}::uuid`.as('created_by'),
        ])
        .where('r.patient_id', '=', fromId)
        .where('r.removed_at', 'is', null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('access_patient_label as s')
                .select('s.id')
                .where('s.patient_id', '=', toId)
                .whereRef('s.label', '=', 'r.label')
                .where('s.removed_at', 'is', null),
            ),
          ),
        ),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Removes the given label copies (history kept: removed_at/removed_by), where still active. */
export async function removeLabels(db: DbOrTx, ids: string[], at: Date, by: string | null) {
  if (ids.length === 0) return;
  await db
    .updateTable('access_patient_label')
    .set({ removed_at: at, removed_by: by })
    .where('id', 'in', ids)
    .where('removed_at', 'is', null)
    .execute();
}

/** Re-points a patient's care relationships to another patient; returns the ids moved. */
export async function moveCareRelationships(db: DbOrTx, fromId: string, toId: string): Promise<string[]> {
  const rows = await db
    .updateTable('access_care_relationship')
    .set({ patient_id: toId })
    .where('patient_id', '=', fromId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Re-points the given care relationships back, only where they still sit with `fromId`. */
export async function moveCareRelationshipsBack(db: DbOrTx, ids: string[], fromId: string, toId: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('access_care_relationship')
    .set({ patient_id: toId })
    .where('id', 'in', ids)
    .where('patient_id', '=', fromId)
    .execute();
}
