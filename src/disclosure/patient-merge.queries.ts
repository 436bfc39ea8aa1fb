import type { DbOrTx } from '../kernel/db.ts';

/** This domain's mutable patient-scoped tables, moved at a patient merge (append-only ones stay as written). */
export const MERGE_TABLES = [
  'disclosure_request',
  'disclosure_authorization',
  'disclosure_patient_preference',
  'disclosure_packet',
  'disclosure_delivery',
  'disclosure_accounting_request',
] as const;
export type MergeTable = (typeof MERGE_TABLES)[number];

/** Re-points every row of `table` from one patient to another; returns the ids moved. */
export async function moveRows(
  db: DbOrTx,
  table: MergeTable,
  fromId: string,
  toId: string,
): Promise<string[]> {
  const rows = await db
    .updateTable(table)
    .set({ patient_id: toId })
    .where('patient_id', '=', fromId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Re-points the given rows back, only where they still sit with `fromId`. */
export async function moveRowsBack(
  db: DbOrTx,
  table: MergeTable,
  ids: string[],
  fromId: string,
  toId: string,
) {
  if (ids.length === 0) return;
  await db
    .updateTable(table)
    .set({ patient_id: toId })
    .where('id', 'in', ids)
    .where('patient_id', '=', fromId)
    .execute();
}
