import type { Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { moveRows, moveRowsBack } from './merge.queries.ts';

/**
 * Moves one domain's patient-scoped data at a merge and puts it back at an unmerge. Other domains (the
 * chart: encounters, documents, allergies…) register theirs through the patients index, and merge calls
 * every handler inside its transaction, so a merge moves everything or nothing.
 */
export interface MergeHandler {
  /** Stable name; the ids a handler moved are kept on the merge record under it. */
  name: string;
  /** Re-points the retired record's rows to the survivor; returns the ids of the rows it moved. */
  move(trx: Transaction<Database>, survivorId: string, retiredId: string): Promise<string[]>;
  /** Re-points exactly those rows back to the restored record. */
  restore(trx: Transaction<Database>, retiredId: string, movedIds: string[]): Promise<void>;
}

const handlers: MergeHandler[] = [
  {
    name: 'patient_identifier',
    move: (trx, survivorId, retiredId) => moveRows(trx, 'patient_identifier', retiredId, survivorId),
    restore: (trx, retiredId, ids) => moveRowsBack(trx, 'patient_identifier', ids, retiredId),
  },
];

/**
 * Registers a handler (once, at import time of the registering domain).
 * @example registerMergeHandler({ name: 'chart_encounter', move: …, restore: … })
 */
export function registerMergeHandler(h: MergeHandler): void {
  if (handlers.some((x) => x.name === h.name)) return;
  handlers.push(h);
}

export const mergeHandlers = (): readonly MergeHandler[] => handlers;
