import type { DbOrTx } from '../kernel/db.ts';

/** A page of sealed SSNs by patient id (for `chartkeeper keys check` / `keys adopt`). */
export async function sealedSsnPage(
  db: DbOrTx,
  after: string | null,
  limit: number,
): Promise<{ id: string; sealed: string }[]> {
  let q = db
    .selectFrom('patient')
    .select(['id', 'ssn_enc'])
    .where('ssn_enc', 'is not', null)
    .orderBy('id')
    .limit(limit);
  if (after) q = q.where('id', '>', after);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, sealed: r.ssn_enc as string }));
}

/** Replaces one patient's sealed SSN and its lookup hashes; nothing else of the record changes. */
export async function updateSealedSsn(
  db: DbOrTx,
  id: string,
  cols: { ssn_enc: string; ssn_hash: string; ssn_last4_hash: string },
): Promise<void> {
  await db.updateTable('patient').set(cols).where('id', '=', id).execute();
}

export async function countSealedSsn(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('patient')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ssn_enc', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
