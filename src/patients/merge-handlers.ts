import type { MergeHandler } from '../kernel/hooks.ts';
import { moveRows, moveRowsBack } from './merge.queries.ts';

/**
 * The patient index's own merge handler: the retired record's identifiers (other MRNs, licences…) follow
 * it to the survivor. Other domains declare theirs on their DomainModule (src/app.ts collects them).
 */
export const patientMergeHandlers: MergeHandler[] = [
  {
    name: 'patient_identifier',
    move: (trx, survivorId, retiredId) => moveRows(trx, 'patient_identifier', retiredId, survivorId),
    restore: (trx, retiredId, ids) => moveRowsBack(trx, 'patient_identifier', ids, retiredId),
  },
];
