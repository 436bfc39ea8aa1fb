import { type Insertable, sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';
import type { BillingBatchClaimTable, BillingBatchTable } from '../billing.tables.ts';

/** Ready claims (of one payer, by X12 payer id), locked for the batch; claims another batch holds are skipped. */
export async function readyClaimsForBatch(db: DbOrTx, payerId?: string) {
  let q = db
    .selectFrom('billing_claim as c')
    .innerJoin('billing_payer as p', 'p.id', 'c.payer_ref')
    .selectAll('c')
    .where('c.status', '=', 'ready')
    .orderBy('p.payer_id')
    .orderBy('c.type')
    .orderBy('c.patient_control_number')
    .forUpdate('c')
    .skipLocked();
  if (payerId) q = q.where('p.payer_id', '=', payerId);
  return q.execute();
}

/** Claims by status (of one payer), to explain an empty batch. */
export async function statusCounts(db: DbOrTx, payerId?: string): Promise<Record<string, number>> {
  let q = db
    .selectFrom('billing_claim as c')
    .leftJoin('billing_payer as p', 'p.id', 'c.payer_ref')
    .select(['c.status', (e) => e.fn.countAll<string>().as('n')])
    .groupBy('c.status');
  if (payerId) q = q.where('p.payer_id', '=', payerId);
  const rows = await q.execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * What a replacement or void (frequency 7/8) refers to in REF*F8, per original claim: the payer's claim
 * control number (CLP07) of the latest 835 that answered it; our CLM01 only while no 835 has (a void of a
 * claim the payer never adjudicated).
 */
export async function originalReferences(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('billing_claim as c')
    .select([
      'c.id',
      'c.patient_control_number',
      (e) =>
        e
          .selectFrom('billing_remit_claim as rc')
          .innerJoin('billing_remit as r', 'r.id', 'rc.remit_id')
          .select('rc.payer_claim_number')
          .whereRef('rc.claim_id', '=', 'c.id')
          .where('rc.payer_claim_number', '!=', '')
          .orderBy('r.imported_at', 'desc')
          .orderBy('rc.id', 'desc')
          .limit(1)
          .as('payer_claim_number'),
    ])
    .where('c.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.payer_claim_number ?? r.patient_control_number]));
}

/** The next interchange control numbers (ISA13/GS06), never reused until the 9-digit sequence cycles. */
export async function nextInterchangeNumber(db: DbOrTx): Promise<number> {
  const r = await sql<{ v: string }>`select nextval('billing_x12_icn_seq')::text as v`.execute(db);
  return Number(r.rows[0]?.v);
}

export async function insertBatch(db: DbOrTx, row: Insertable<BillingBatchTable>) {
  return db.insertInto('billing_batch').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function insertBatchClaims(db: DbOrTx, rows: Insertable<BillingBatchClaimTable>[]) {
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insertInto('billing_batch_claim')
      .values(rows.slice(i, i + 2000))
      .execute();
}

/** Marks claims submitted at their next version in one statement (the caller appends the history). */
export async function markSubmitted(db: DbOrTx, rows: { id: string; version: number }[], now: Date) {
  if (rows.length === 0) return;
  await sql`update billing_claim c set status = 'submitted', version = x.version, updated_at = ${now}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id uuid, version integer)
    where c.id = x.id`.execute(db);
}

export async function listBatches(db: DbOrTx, limit: number) {
  return db
    .selectFrom('billing_batch')
    .select([
      'id',
      'interchange_control_number',
      'payer_id',
      'claim_type',
      'file_name',
      'claims',
      'total_charge',
      'created_by',
      'created_at',
    ])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function findBatch(db: DbOrTx, id: string) {
  return db.selectFrom('billing_batch').selectAll().where('id', '=', id).executeTakeFirst();
}
