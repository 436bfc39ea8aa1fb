import type { DbOrTx } from '../kernel/db.ts';
import type { EntryKind } from './entry-kinds.ts';

/** The encounter's entries of the given kinds (not entered-in-error), oldest first. */
export async function encounterEntriesOfKinds(db: DbOrTx, encounterId: string, kinds: readonly EntryKind[]) {
  if (kinds.length === 0) return [];
  return db
    .selectFrom('chart_entry')
    .select(['id', 'kind', 'data', 'created_at'])
    .where('encounter_id', '=', encounterId)
    .where('kind', 'in', [...kinds])
    .where('entered_in_error', '=', false)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The encounter's documents (not entered-in-error), by date of service. */
export async function encounterDocuments(db: DbOrTx, encounterId: string) {
  return db
    .selectFrom('chart_document')
    .select(['id', 'title', 'document_type', 'service_date', 'media_type'])
    .where('encounter_id', '=', encounterId)
    .where('entered_in_error', '=', false)
    .orderBy('service_date')
    .execute();
}
