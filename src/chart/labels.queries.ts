import type { DbOrTx } from '../kernel/db.ts';

export type LabelledEntity = 'entry' | 'document';

/** Active sensitivity labels on a patient's chart items. */
export async function activeItemLabels(db: DbOrTx, patientId: string) {
  return db
    .selectFrom('chart_sensitivity_label')
    .select(['entity_type', 'entity_id', 'label', 'reason', 'set_at'])
    .where('patient_id', '=', patientId)
    .where('removed_at', 'is', null)
    .orderBy('set_at')
    .execute();
}

/** Patients among these that have at least one labelled item (one query for a whole page). */
export async function patientsWithItemLabels(db: DbOrTx, patientIds: string[]): Promise<string[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .selectFrom('chart_sensitivity_label')
    .select('patient_id')
    .distinct()
    .where('patient_id', 'in', patientIds)
    .where('removed_at', 'is', null)
    .execute();
  return rows.map((r) => r.patient_id);
}

export async function insertItemLabel(
  db: DbOrTx,
  row: {
    patient_id: string;
    entity_type: LabelledEntity;
    entity_id: string;
    label: string;
    reason: string;
    set_by: string;
    set_at: Date;
  },
): Promise<boolean> {
  const res = await db
    .insertInto('chart_sensitivity_label')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['entity_type', 'entity_id', 'label']).where('removed_at', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return res !== undefined;
}

/** Stamps the removal of an active label (the row stays as history). */
export async function removeItemLabel(
  db: DbOrTx,
  entity: LabelledEntity,
  entityId: string,
  label: string,
  by: string,
  at: Date,
  reason: string,
): Promise<boolean> {
  const res = await db
    .updateTable('chart_sensitivity_label')
    .set({ removed_at: at, removed_by: by, removed_reason: reason })
    .where('entity_type', '=', entity)
    .where('entity_id', '=', entityId)
    .where('label', '=', label)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
