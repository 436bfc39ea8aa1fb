import type { DbOrTx } from '../kernel/db.ts';
import type { TravellingAmendment } from './packet-content.ts';

/**
 * The seam through which amendments and statements of disagreement reach release packets (164.526(f):
 * they must accompany later disclosures of the information they concern). Chart completion owns them;
 * this returns none until that domain's `amendmentsForEntries` is wired here.
 */
export async function amendmentsFor(
  _db: DbOrTx,
  _patientId: string,
  _entryIds: string[],
): Promise<TravellingAmendment[]> {
  return [];
}
