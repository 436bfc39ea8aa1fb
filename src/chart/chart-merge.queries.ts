import type { DbOrTx } from '../kernel/db.ts';

/** The patient-scoped chart tables a merge moves (every one that carries patient_id, except history). */
export const MOVABLE_TABLES = [
  'chart_encounter',
  'chart_entry',
  'chart_document',
  'chart_sensitivity_label',
] as const;
export type MovableTable = (typeof MOVABLE_TABLES)[number];

/** Re-points every row of `table` from one patient to another; returns the ids moved. */
export async function moveRows(db: DbOrTx, table: MovableTable, from: string, to: string): Promise<string[]> {
  const rows = await db
    .updateTable(table)
    .set({ patient_id: to })
    .where('patient_id', '=', from)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Re-points the given rows back, only where they still sit with the patient they were moved to. */
export async function moveRowsBack(db: DbOrTx, table: MovableTable, ids: string[], from: string, to: string) {
  if (ids.length === 0) return 0;
  const res = await db
    .updateTable(table)
    .set({ patient_id: to })
    .where('id', 'in', ids)
    .where('patient_id', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function insertMoves(
  db: DbOrTx,
  rows: {
    merge_id: string;
    table_name: string;
    row_id: string;
    from_patient_id: string;
    to_patient_id: string;
    moved_at: Date;
  }[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('chart_merge_move').values(rows).execute();
}

export async function pendingMoves(db: DbOrTx, mergeId: string) {
  return db
    .selectFrom('chart_merge_move')
    .selectAll()
    .where('merge_id', '=', mergeId)
    .where('restored_at', 'is', null)
    .execute();
}

export async function markRestored(db: DbOrTx, mergeId: string, at: Date): Promise<void> {
  await db
    .updateTable('chart_merge_move')
    .set({ restored_at: at })
    .where('merge_id', '=', mergeId)
    .where('restored_at', 'is', null)
    .execute();
}
