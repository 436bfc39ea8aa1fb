import { type Insertable, sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';
import type { ClaimStatus } from '../billing.tables.ts';
import type {
  BillingDenialTable,
  BillingPostingTable,
  BillingProviderAdjustmentTable,
  BillingRemitClaimTable,
  BillingRemitLineTable,
  BillingRemitTable,
} from './remit.tables.ts';

async function insertChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Records an 835 transaction once: null when the same transaction set was imported before. */
export async function insertRemit(db: DbOrTx, row: Insertable<BillingRemitTable>): Promise<string | null> {
  const r = await db
    .insertInto('billing_remit')
    .values(row)
    .onConflict((oc) => oc.column('hash').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function setRemitCounts(db: DbOrTx, id: string, matched: number): Promise<void> {
  await db.updateTable('billing_remit').set({ matched_count: matched }).where('id', '=', id).execute();
}

/** Our claims by patient control number (CLM01 = CLP01), locked for posting. */
export async function claimsByControlNumber(db: DbOrTx, pcns: string[]) {
  if (pcns.length === 0) return [];
  return db
    .selectFrom('billing_claim')
    .select([
      'id',
      'patient_control_number',
      'patient_id',
      'payer_name',
      'status',
      'version',
      'charge',
      'paid',
      'adjusted',
      'patient_responsibility',
    ])
    .where(sql<boolean>`patient_control_number = any(${pcns}::text[])`)
    .where('status', '!=', 'void')
    .forUpdate()
    .execute();
}

export async function linesOfClaims(db: DbOrTx, claimIds: string[]) {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('billing_claim_line')
    .select(['id', 'claim_id', 'line_no', 'code', 'modifiers', 'service_date', 'charge'])
    .where(sql<boolean>`claim_id = any(${claimIds}::uuid[])`)
    .orderBy('claim_id')
    .orderBy('line_no')
    .execute();
}

export const insertRemitClaims = (db: DbOrTx, rows: Insertable<BillingRemitClaimTable>[]) =>
  insertChunks(rows, 1000, (c) => db.insertInto('billing_remit_claim').values(c).execute());

export const insertRemitLines = (db: DbOrTx, rows: Insertable<BillingRemitLineTable>[]) =>
  insertChunks(rows, 1000, (c) => db.insertInto('billing_remit_line').values(c).execute());

export const insertPostings = (db: DbOrTx, rows: Insertable<BillingPostingTable>[]) =>
  insertChunks(rows, 2000, (c) => db.insertInto('billing_posting').values(c).execute());

export const insertProviderAdjustments = (db: DbOrTx, rows: Insertable<BillingProviderAdjustmentTable>[]) =>
  insertChunks(rows, 1000, (c) => db.insertInto('billing_provider_adjustment').values(c).execute());

export const insertDenials = (db: DbOrTx, rows: Insertable<BillingDenialTable>[]) =>
  insertChunks(rows, 1000, (c) => db.insertInto('billing_denial').values(c).execute());

/** Adds posted payments and adjustments to claim lines (amounts in currency units). */
export async function addToLines(
  db: DbOrTx,
  rows: { id: string; paid: number; adjusted: number }[],
): Promise<void> {
  await insertChunks(rows, 5000, async (c) => {
    await sql`update billing_claim_line l set paid = l.paid + v.paid, adjusted = l.adjusted + v.adjusted
      from unnest(${c.map((r) => r.id)}::uuid[], ${c.map((r) => r.paid)}::numeric[],
        ${c.map((r) => r.adjusted)}::numeric[]) as v(id, paid, adjusted)
      where l.id = v.id`.execute(db);
  });
}

export interface ClaimTotals {
  id: string;
  paid: number;
  adjusted: number;
  patientResponsibility: number;
  status: ClaimStatus;
}

/** Sets claims' totals and status after posting and bumps their version; returns the new versions. */
export async function setClaimTotals(
  db: DbOrTx,
  rows: ClaimTotals[],
  now: Date,
): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  await insertChunks(rows, 5000, async (c) => {
    const r = await sql<{ id: string; version: number }>`update billing_claim c
      set paid = v.paid, adjusted = v.adjusted, patient_responsibility = v.pr, status = v.status,
        version = c.version + 1, updated_at = ${now}
      from unnest(${c.map((x) => x.id)}::uuid[], ${c.map((x) => x.paid)}::numeric[],
        ${c.map((x) => x.adjusted)}::numeric[], ${c.map((x) => x.patientResponsibility)}::numeric[],
        ${c.map((x) => x.status)}::text[]) as v(id, paid, adjusted, pr, status)
      where c.id = v.id
      returning c.id, c.version`.execute(db);
    for (const x of r.rows) versions.set(x.id, x.version);
  });
  return versions;
}

/** The remittance work list: claims we could not find and claims with service lines we could not match. */
export async function worklistRows(db: DbOrTx, limit: number) {
  return db
    .selectFrom('billing_remit_claim as rc')
    .innerJoin('billing_remit as r', 'r.id', 'rc.remit_id')
    .select([
      'rc.id',
      'rc.remit_id',
      'rc.claim_id',
      'rc.patient_control_number',
      'rc.status_code',
      'rc.charge',
      'rc.paid',
      'rc.unmatched_lines',
      'rc.worklist',
      'r.payer_name',
      'r.trace_number',
      'r.imported_at',
    ])
    .where('rc.worklist', 'is not', null)
    .where('rc.resolved_at', 'is', null)
    .orderBy('r.imported_at')
    .orderBy('rc.patient_control_number')
    .limit(limit)
    .execute();
}

export async function unmatchedLinesOf(db: DbOrTx, remitClaimIds: string[]) {
  if (remitClaimIds.length === 0) return [];
  return db
    .selectFrom('billing_remit_line')
    .select([
      'remit_claim_id',
      'seq',
      'billed_code',
      'billed_modifiers',
      'paid_code',
      'charge',
      'paid',
      'service_date',
    ])
    .where(sql<boolean>`remit_claim_id = any(${remitClaimIds}::uuid[])`)
    .where('match', '=', 'unmatched')
    .orderBy('remit_claim_id')
    .orderBy('seq')
    .execute();
}

/** Imported remittances, newest first. */
export async function listRemitRows(db: DbOrTx, limit: number) {
  return db.selectFrom('billing_remit').selectAll().orderBy('imported_at', 'desc').limit(limit).execute();
}
