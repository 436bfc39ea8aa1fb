import type { MergeHandler } from '../kernel/hooks.ts';
import {
  copyActiveLabels,
  moveCareRelationships,
  moveCareRelationshipsBack,
  removeLabels,
} from './patient-merge.queries.ts';
import { moveLinks, moveLinksBack } from './staff-links.queries.ts';

/**
 * The access domain's part of a patient merge (issue 12). Restriction labels: the stricter record wins,
 * so the survivor gets a copy of every active label of the retired record (which keeps its own: its MRN
 * still resolves); an unmerge removes exactly the copies, so a label the survivor had before stays. Care
 * relationships follow the chart they open to the survivor (HIPAA 164.506 treatment), and go back at an
 * unmerge. Break-the-glass records stay with the record that was opened: they are reviewed as they were.
 */
export const accessMergeHandlers: MergeHandler[] = [
  {
    name: 'access_patient_label',
    move: (trx, survivorId, retiredId, step) =>
      copyActiveLabels(trx, retiredId, survivorId, step.at, step.userId),
    restore: (trx, _retiredId, ids, _survivorId, step) => removeLabels(trx, ids, step.at, step.userId),
  },
  {
    name: 'access_care_relationship',
    move: (trx, survivorId, retiredId) => moveCareRelationships(trx, retiredId, survivorId),
    restore: (trx, retiredId, ids, survivorId) => moveCareRelationshipsBack(trx, ids, survivorId, retiredId),
  },
  {
    // A member of staff's link follows their chart, so reads of it are still seen as staff reads.
    name: 'access_user_patient_link',
    move: async (trx, survivorId, retiredId) =>
      (await moveLinks(trx, retiredId, survivorId)).map((r) => r.id),
    restore: (trx, retiredId, ids, survivorId) => moveLinksBack(trx, ids, survivorId, retiredId),
  },
];
