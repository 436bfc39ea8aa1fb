import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';
import type { ResponsibilityTo } from '../billing.tables.ts';
import { TO_PATIENT } from './cob.ts';

/** The posted claims whose patient responsibility has not moved on yet, locked (one move per claim). */
export async function claimsToMove(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('billing_claim')
    .selectAll()
    .where(sql<boolean>`id = any(${ids}::uuid[])`)
    .where('responsibility_to', 'is', null)
    .forUpdate()
    .execute();
}

/** Full lines of the given claims (a secondary claim copies them). */
export async function fullLines(db: DbOrTx, claimIds: string[]) {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('billing_claim_line')
    .selectAll()
    .where(sql<boolean>`claim_id = any(${claimIds}::uuid[])`)
    .orderBy('claim_id')
    .orderBy('line_no')
    .execute();
}

/** Records where each claim's patient responsibility went; returns the new versions. */
export async function setResponsibility(
  db: DbOrTx,
  rows: { id: string; to: ResponsibilityTo; amount: number; nextClaimId: string | null }[],
  now: Date,
): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const r = await sql<{ id: string; version: number }>`update billing_claim c
    set responsibility_to = v.to_, responsibility_amount = v.amount, next_claim_id = v.next,
      version = c.version + 1, updated_at = ${now}
    from unnest(${rows.map((x) => x.id)}::uuid[], ${rows.map((x) => x.to)}::text[],
      ${rows.map((x) => x.amount)}::numeric[], ${rows.map((x) => x.nextClaimId)}::uuid[]) as v(id, to_, amount, next)
    where c.id = v.id
    returning c.id, c.version`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.version]));
}

/** What a patient owes us: the responsibility moved to the patient's balance, over all their claims. */
export async function patientBalance(db: DbOrTx, patientId: string): Promise<number> {
  const r = await db
    .selectFrom('billing_claim')
    .select((e) => e.fn.coalesce(e.fn.sum<string>('responsibility_amount'), sql<string>`0`).as('owed'))
    .where('patient_id', '=', patientId)
    .where('responsibility_to', '=', TO_PATIENT)
    .executeTakeFirst();
  return Math.round(Number(r?.owed ?? 0) * 100) / 100;
}

/** The claims around one claim in its COB chain (the one it follows and the one that follows it). */
export async function linkedClaims(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('billing_claim')
    .select(['id', 'patient_control_number', 'payer_name', 'payer_order', 'status'])
    .where(sql<boolean>`id = any(${ids}::uuid[])`)
    .execute();
}
