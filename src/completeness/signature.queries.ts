import type { Insertable } from 'kysely';
import { userDirectory } from '../access/index.ts';
import { entryDirectory } from '../chart/index.ts';
import type { DbOrTx } from '../kernel/db.ts';
import type {
  CompletenessAddendumTable,
  CompletenessCosignRequestTable,
  CompletenessSignatureTable,
} from './completeness.tables.ts';

/** The note as signing needs it (locked, so two signatures cannot race). */
export async function noteForSigning(db: DbOrTx, entryId: string) {
  return db
    .selectFrom(entryDirectory(db).as('n'))
    .select(['id', 'patient_id', 'encounter_id', 'kind', 'data', 'created_by', 'entered_in_error'])
    .where('id', '=', entryId)
    .forUpdate()
    .executeTakeFirst();
}

export async function signer(db: DbOrTx, userId: string) {
  return db
    .selectFrom(userDirectory(db).as('u'))
    .select(['full_name', 'credentials'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function signaturesOf(db: DbOrTx, entryId: string) {
  return db
    .selectFrom('completeness_signature')
    .selectAll()
    .where('entry_id', '=', entryId)
    .orderBy('signed_at')
    .orderBy('role')
    .execute();
}

export async function cosignRequestOf(db: DbOrTx, entryId: string) {
  return db
    .selectFrom('completeness_cosign_request')
    .selectAll()
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
}

export async function addendaOf(db: DbOrTx, entryId: string) {
  return db
    .selectFrom('completeness_addendum')
    .selectAll()
    .where('entry_id', '=', entryId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertSignature(db: DbOrTx, row: Insertable<CompletenessSignatureTable>) {
  await db.insertInto('completeness_signature').values(row).execute();
}

export async function insertCosignRequest(db: DbOrTx, row: Insertable<CompletenessCosignRequestTable>) {
  await db.insertInto('completeness_cosign_request').values(row).execute();
}

export async function insertAddendum(
  db: DbOrTx,
  row: Insertable<CompletenessAddendumTable>,
): Promise<string> {
  const r = await db
    .insertInto('completeness_addendum')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
