import { type Insertable, type Selectable, sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type {
  BillingChargeTable,
  BillingClaimHistoryTable,
  BillingClaimLineTable,
  BillingClaimTable,
  ClaimStatus,
} from './billing.tables.ts';

export type ChargeRow = Selectable<BillingChargeTable>;
export type ClaimRow = Selectable<BillingClaimTable>;

/** The coding version each encounter's charges were last captured from. */
export async function capturedVersions(db: DbOrTx, encounterIds: string[]): Promise<Map<string, number>> {
  if (encounterIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('billing_charge')
    .select(['encounter_id', (e) => e.fn.max('coding_version').as('v')])
    .where('encounter_id', 'in', encounterIds)
    .groupBy('encounter_id')
    .execute();
  return new Map(rows.map((r) => [r.encounter_id, Number(r.v)]));
}

/** A re-finalized encounter replaces its charges not yet on a claim (billed ones stay as they are). */
export async function replaceUnbilledCharges(db: DbOrTx, encounterId: string): Promise<number> {
  const r = await db
    .updateTable('billing_charge')
    .set({ status: 'replaced' })
    .where('encounter_id', '=', encounterId)
    .where('status', '=', 'unbilled')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertCharges(db: DbOrTx, rows: Insertable<BillingChargeTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('billing_charge')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.constraint('billing_charge_line').doNothing())
      .execute();
}

/** Unbilled charges, grouped by the caller per encounter; locked so two builds never bill one twice. */
export async function unbilledCharges(db: DbOrTx, encounterIds?: string[]): Promise<ChargeRow[]> {
  let q = db
    .selectFrom('billing_charge')
    .selectAll()
    .where('status', '=', 'unbilled')
    .orderBy('encounter_id')
    .orderBy('line_no')
    .forUpdate()
    .skipLocked();
  if (encounterIds) q = q.where('encounter_id', 'in', encounterIds);
  return q.execute();
}

export async function markChargesBilled(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('billing_charge').set({ status: 'billed' }).where('id', 'in', ids).execute();
}

/** The latest claim of each encounter and payer order (a replacement points at it). */
export async function latestClaims(db: DbOrTx, encounterIds: string[]): Promise<ClaimRow[]> {
  if (encounterIds.length === 0) return [];
  return db
    .selectFrom('billing_claim')
    .selectAll()
    .distinctOn(['encounter_id', 'payer_order'])
    .where('encounter_id', 'in', encounterIds)
    .orderBy('encounter_id')
    .orderBy('payer_order')
    .orderBy('created_at', 'desc')
    .execute();
}

/** The next patient control numbers (CLM01): 'CK' and a zero-padded sequence, 12 characters. */
export async function nextControlNumbers(db: DbOrTx, n: number): Promise<string[]> {
  if (n === 0) return [];
  const r = await sql<{ v: string }>`select nextval('billing_claim_pcn_seq')::text as v
    from generate_series(1, ${n})`.execute(db);
  return r.rows.map((x) => `CK${x.v.padStart(10, '0')}`);
}

export async function insertClaims(db: DbOrTx, rows: Insertable<BillingClaimTable>[]) {
  if (rows.length === 0) return [];
  return db.insertInto('billing_claim').values(rows).returningAll().execute();
}

export async function insertClaimLines(db: DbOrTx, rows: Insertable<BillingClaimLineTable>[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('billing_claim_line')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export async function insertClaimHistory(db: DbOrTx, rows: Insertable<BillingClaimHistoryTable>[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('billing_claim_history')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export interface ClaimFilter {
  status?: ClaimStatus | undefined;
  after?: string | undefined;
  limit?: number | undefined;
}

/** Claims with their payer id, newest first by id order for stable paging. */
export async function listClaimRows(db: DbOrTx, f: ClaimFilter) {
  let q = db
    .selectFrom('billing_claim as c')
    .leftJoin('billing_payer as p', 'p.id', 'c.payer_ref')
    .select([
      'c.id',
      'c.patient_control_number',
      'c.patient_id',
      'c.encounter_id',
      'c.payer_name',
      'c.payer_order',
      'p.payer_id',
      'c.type',
      'c.status',
      'c.frequency_code',
      'c.service_from',
      'c.service_to',
      'c.charge',
      'c.paid',
      'c.adjusted',
      'c.patient_responsibility',
      'c.version',
      'c.created_at',
    ])
    .orderBy('c.patient_control_number');
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.after) q = q.where('c.patient_control_number', '>', f.after);
  if (f.limit) q = q.limit(f.limit);
  return q.execute();
}
export type ClaimListRow = Awaited<ReturnType<typeof listClaimRows>>[number];

export async function findClaim(db: DbOrTx, id: string) {
  return db.selectFrom('billing_claim').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function claimLines(db: DbOrTx, claimId: string) {
  return db
    .selectFrom('billing_claim_line')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('line_no')
    .execute();
}

export async function claimHistory(db: DbOrTx, claimId: string) {
  return db
    .selectFrom('billing_claim_history')
    .select(['version', 'action', 'status', 'changed_by', 'changed_at'])
    .where('claim_id', '=', claimId)
    .orderBy('version')
    .execute();
}

export async function payerIdOf(db: DbOrTx, payerRef: string | null): Promise<string | null> {
  if (!payerRef) return null;
  const r = await db
    .selectFrom('billing_payer')
    .select('payer_id')
    .where('id', '=', payerRef)
    .executeTakeFirst();
  return r?.payer_id ?? null;
}
