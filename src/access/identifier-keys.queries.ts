import type { DbOrTx } from '../kernel/db.ts';

/** A page of sealed TOTP secrets by user id (for `chartkeeper keys check` / `keys adopt`). */
export async function sealedMfaPage(
  db: DbOrTx,
  after: string | null,
  limit: number,
): Promise<{ id: string; sealed: string }[]> {
  let q = db
    .selectFrom('access_user')
    .select(['id', 'mfa_secret'])
    .where('mfa_secret', 'is not', null)
    .orderBy('id')
    .limit(limit);
  if (after) q = q.where('id', '>', after);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, sealed: r.mfa_secret as string }));
}

export async function updateSealedMfa(db: DbOrTx, id: string, sealed: string): Promise<void> {
  await db.updateTable('access_user').set({ mfa_secret: sealed }).where('id', '=', id).execute();
}

export async function countSealedMfa(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('access_user')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('mfa_secret', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
