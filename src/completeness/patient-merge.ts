import type { MergeHandler } from '../kernel/hooks.ts';
import { MERGE_TABLES, moveRows, moveRowsBack } from './patient-merge.queries.ts';

/**
 * Chart completion's part of a patient merge (issue 12): open and closed clinician queries, amendment
 * requests and deficiencies follow their chart to the survivor, and back at an unmerge. Signatures,
 * addenda, co-signature requests, amendment statements and deficiency events are append-only legal
 * records (42 CFR 482.24(c)(1)); they keep the patient they were written under and are found through the
 * entry or encounter they belong to, like the chart's version history.
 */
export const completenessMergeHandlers: MergeHandler[] = MERGE_TABLES.map((table) => ({
  name: table,
  move: (trx, survivorId, retiredId) => moveRows(trx, table, retiredId, survivorId),
  restore: (trx, retiredId, ids, survivorId) => moveRowsBack(trx, table, ids, survivorId, retiredId),
}));
