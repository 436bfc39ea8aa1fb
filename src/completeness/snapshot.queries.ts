import { documentDirectory, encounterDirectory, entryDirectory } from '../chart/index.ts';
import type { DbOrTx } from '../kernel/db.ts';

/**
 * Reads what the deficiency rules need about a batch of encounters, in a fixed number of queries per
 * batch (so analysing 100,000 encounters is a few hundred round trips, not a million).
 */
export async function encounterRows(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom(encounterDirectory(db).as('e'))
    .select([
      'id',
      'patient_id',
      'class',
      'status',
      'provider_id',
      'starts_at',
      'data',
      'updated_at',
      'entered_in_error',
    ])
    .where('id', 'in', ids)
    .execute();
}

/** Clinical entries that complete an encounter: notes, orders, results, procedures and diagnoses. */
export async function encounterEntries(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom(entryDirectory(db).as('n'))
    .select(['id', 'encounter_id', 'kind', 'data', 'created_by', 'created_at', 'entered_in_error'])
    .where('encounter_id', 'in', ids)
    .where('kind', 'in', ['note', 'order', 'result', 'procedure', 'diagnosis'])
    .execute();
}

/** Author and co-signer signatures of the notes (not of addenda). */
export async function noteSignatures(db: DbOrTx, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('completeness_signature')
    .select(['entry_id', 'role', 'signed_at'])
    .where('entry_id', 'in', entryIds)
    .where('addendum_id', 'is', null)
    .execute();
}

export async function cosignRequests(db: DbOrTx, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('completeness_cosign_request')
    .select(['entry_id', 'cosigner_user_id'])
    .where('entry_id', 'in', entryIds)
    .execute();
}

/** Consent documents filed on the encounters. */
export async function consentDocuments(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom(documentDirectory(db).as('d'))
    .select(['id', 'encounter_id'])
    .where('encounter_id', 'in', ids)
    .where('document_type', '=', 'consent')
    .where('entered_in_error', '=', false)
    .execute();
}

/** The next page of encounter ids (keyset), for a full analysis. */
export async function encounterIdPage(db: DbOrTx, after: string | null, limit: number): Promise<string[]> {
  let q = db.selectFrom(encounterDirectory(db).as('e')).select('id').orderBy('id').limit(limit);
  if (after) q = q.where('id', '>', after);
  return (await q.execute()).map((r) => r.id);
}
