import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type { FeeRow } from './fee-file.ts';
import type { PayerRow } from './payer-file.ts';

/** Inserts or updates fee rows by (facility, code, modifier, effective date), in chunks. */
export async function upsertFees(db: DbOrTx, rows: FeeRow[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('billing_fee')
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          facility: r.facility,
          code: r.code,
          modifier: r.modifier,
          revenue_code: r.revenueCode,
          price: r.price,
          effective_from: r.effectiveFrom,
          effective_to: r.effectiveTo,
          description: r.description,
          loaded_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.constraint('billing_fee_key').doUpdateSet((eb) => ({
          revenue_code: eb.ref('excluded.revenue_code'),
          price: eb.ref('excluded.price'),
          effective_to: eb.ref('excluded.effective_to'),
          description: eb.ref('excluded.description'),
          loaded_at: eb.ref('excluded.loaded_at'),
        })),
      )
      .execute();
  }
}

export async function upsertPayers(db: DbOrTx, rows: PayerRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('billing_payer')
    .values(
      rows.map((r) => ({
        payer_id: r.payerId,
        name: r.name,
        filing_indicator: r.filingIndicator,
        plan_type: r.planType,
        timely_filing_days: r.timelyFilingDays,
        prior_auth_codes: r.priorAuthCodes,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.column('payer_id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        filing_indicator: eb.ref('excluded.filing_indicator'),
        plan_type: eb.ref('excluded.plan_type'),
        timely_filing_days: eb.ref('excluded.timely_filing_days'),
        prior_auth_codes: eb.ref('excluded.prior_auth_codes'),
        updated_at: now,
      })),
    )
    .execute();
}

/** Payers by X12 payer id or by name (coverage records the payer as the registration clerk typed it). */
export async function findPayers(db: DbOrTx, keys: string[]) {
  if (keys.length === 0) return [];
  const lower = keys.map((k) => k.toLowerCase());
  return db
    .selectFrom('billing_payer')
    .selectAll()
    .where((eb) => eb.or([eb('payer_id', 'in', keys), eb(sql<string>`lower(name)`, 'in', lower)]))
    .execute();
}

/** Every fee row for the given codes (the caller picks the one in force on the date of service). */
export async function feesForCodes(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('billing_fee')
    .select(['facility', 'code', 'modifier', 'revenue_code', 'price', 'effective_from', 'effective_to'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
}

export async function countFees(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('billing_fee')
    .select((e) => e.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every payer, by name (a billing office has tens, not thousands). */
export async function allPayers(db: DbOrTx) {
  return db.selectFrom('billing_payer').selectAll().orderBy('name').orderBy('payer_id').execute();
}
