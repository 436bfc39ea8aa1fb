import type { DbOrTx } from '../kernel/db.ts';
import { movePatientRows, movePatientRowsBack } from '../kernel/patient-rows.queries.ts';

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
export const moveRows = (db: DbOrTx, table: MergeTable, fromId: string, toId: string) =>
  movePatientRows(db, table, fromId, toId);

/** Re-points the given rows back, only where they still sit with `fromId`. */
export const moveRowsBack = (db: DbOrTx, table: MergeTable, ids: string[], fromId: string, toId: string) =>
  movePatientRowsBack(db, table, ids, fromId, toId);
