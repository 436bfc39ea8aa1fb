import type { MergeHandler } from '../kernel/hooks.ts';
import { MERGE_TABLES, moveRows, moveRowsBack } from './patient-merge.queries.ts';

/**
 * Release of information's part of a patient merge (issue 12): requests, authorizations, the patient's
 * restriction and confidential-communication preferences (HIPAA 164.522: they must hold on the record the
 * chart now lives in), packets, deliveries and accounting requests follow to the survivor, and back at an
 * unmerge. The accounting of disclosures and the request events are append-only history and keep the
 * patient they were written under.
 */
export const disclosureMergeHandlers: MergeHandler[] = MERGE_TABLES.map((table) => ({
  name: table,
  move: (trx, survivorId, retiredId) => moveRows(trx, table, retiredId, survivorId),
  restore: (trx, retiredId, ids, survivorId) => moveRowsBack(trx, table, ids, survivorId, retiredId),
}));
