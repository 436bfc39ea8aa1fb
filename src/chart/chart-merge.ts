import type { DbOrTx } from '../kernel/db.ts';
import {
  insertMoves,
  MOVABLE_TABLES,
  type MovableTable,
  markRestored,
  moveRows,
  moveRowsBack,
  pendingMoves,
} from './chart-merge.queries.ts';

export interface ChartMergeInput {
  /** The patient index's merge id; unmerge passes the same id back. */
  mergeId: string;
  retiredPatientId: string;
  survivingPatientId: string;
  at: Date;
}

/**
 * Merge handler for the patient index (issue 4: "all clinical data, documents, encounters … move to the
 * survivor"). Runs inside the merge's transaction; the patient index checks permission and audits the
 * merge. Records exactly which rows moved, so unmerge restores both records exactly. Version history
 * rows stay as written (append-only); they are found through their entity.
 * @returns how many rows moved per table
 */
export async function moveChartToSurvivor(
  trx: DbOrTx,
  m: ChartMergeInput,
): Promise<Record<MovableTable, number>> {
  const counts = {} as Record<MovableTable, number>;
  for (const table of MOVABLE_TABLES) {
    const ids = await moveRows(trx, table, m.retiredPatientId, m.survivingPatientId);
    counts[table] = ids.length;
    await insertMoves(
      trx,
      ids.map((row_id) => ({
        merge_id: m.mergeId,
        table_name: table,
        row_id,
        from_patient_id: m.retiredPatientId,
        to_patient_id: m.survivingPatientId,
        moved_at: m.at,
      })),
    );
  }
  return counts;
}

/**
 * Unmerge handler: moves back exactly the rows the merge moved. Entries recorded on the survivor after
 * the merge stay with the survivor (they were written about that record).
 */
export async function restoreChartFromMerge(
  trx: DbOrTx,
  m: { mergeId: string; at: Date },
): Promise<Record<MovableTable, number>> {
  const moves = await pendingMoves(trx, m.mergeId);
  const counts = {} as Record<MovableTable, number>;
  for (const table of MOVABLE_TABLES) {
    const mine = moves.filter((x) => x.table_name === table);
    const first = mine[0];
    counts[table] = first
      ? await moveRowsBack(
          trx,
          table,
          mine.map((x) => x.row_id),
          first.to_patient_id,
          first.from_patient_id,
        )
      : 0;
  }
  await markRestored(trx, m.mergeId, m.at);
  return counts;
}
