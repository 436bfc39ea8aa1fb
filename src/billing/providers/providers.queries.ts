import type { Selectable } from 'kysely';
import { userDirectory } from '../../access/index.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import type { BillingProviderTable } from '../billing.tables.ts';
import type { ProviderRow } from './provider-file.ts';

export type ProviderDbRow = Selectable<BillingProviderTable>;

/** User ids by user name (through the access domain's directory fragment). */
export async function userIdsByName(db: DbOrTx, usernames: string[]): Promise<Map<string, string>> {
  if (usernames.length === 0) return new Map();
  const rows = await userDirectory(db).where('username', 'in', usernames).execute();
  return new Map(rows.map((r) => [r.username, r.id]));
}

/** Writes the billing organisation (one row) and rendering providers (one per user), replacing earlier values. */
export async function upsertProviders(
  db: DbOrTx,
  rows: (ProviderRow & { userId: string | null })[],
  now: Date,
): Promise<void> {
  for (const r of rows) {
    const values = {
      kind: r.kind,
      name: r.name,
      npi: r.npi,
      taxonomy: r.taxonomy,
      tax_id: r.taxId,
      address: r.address ? JSON.stringify(r.address) : null,
    };
    if (r.kind === 'billing') {
      const updated = await db
        .updateTable('billing_provider')
        .set(values)
        .where('kind', '=', 'billing')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        await db
          .insertInto('billing_provider')
          .values({ ...values, user_id: null, created_at: now })
          .execute();
    } else
      await db
        .insertInto('billing_provider')
        .values({ ...values, user_id: r.userId, created_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
  }
}

/** The billing organisation (2010AA) and the rendering providers of the given users (2310B). */
export async function providersFor(
  db: DbOrTx,
  userIds: string[],
): Promise<{ billing: ProviderDbRow | null; rendering: Map<string, ProviderDbRow> }> {
  const ids = [...new Set(userIds)];
  const rows = await db
    .selectFrom('billing_provider')
    .selectAll()
    .where((eb) =>
      ids.length > 0
        ? eb.or([eb('kind', '=', 'billing'), eb('user_id', 'in', ids)])
        : eb('kind', '=', 'billing'),
    )
    .execute();
  const rendering = new Map<string, ProviderDbRow>();
  for (const r of rows) if (r.kind === 'rendering' && r.user_id) rendering.set(r.user_id, r);
  return { billing: rows.find((r) => r.kind === 'billing') ?? null, rendering };
}
