import { type Insertable, sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';
import { patientDirectory } from '../../patients/index.ts';
import type {
  BillingPriorAuthEventTable,
  BillingPriorAuthTable,
  PriorAuthStatus,
} from './priorauth.tables.ts';

export interface PriorAuthFilter {
  patientId?: string | undefined;
  payerId?: string | undefined;
  status?: PriorAuthStatus | undefined;
  /** Valid on this date. */
  activeOn?: string | undefined;
  code?: string | undefined;
  limit: number;
  offset: number;
}

function base(db: DbOrTx) {
  return db
    .selectFrom('billing_prior_auth as a')
    .innerJoin('billing_payer as y', 'y.id', 'a.payer_ref')
    .innerJoin(patientDirectory(db).as('p'), 'p.id', 'a.patient_id')
    .select([
      'a.id',
      'a.patient_id',
      'a.payer_ref',
      'a.codes',
      'a.units_approved',
      'a.units_used',
      'a.valid_from',
      'a.valid_to',
      'a.status',
      'a.auth_number',
      'a.note',
      'a.version',
      'a.created_by',
      'a.created_at',
      'a.updated_at',
      'y.payer_id',
      'y.name as payer_name',
      'p.mrn',
      'p.given_name',
      'p.family_name',
    ]);
}

export async function priorAuthRows(db: DbOrTx, f: PriorAuthFilter) {
  let q = base(db);
  if (f.patientId) q = q.where('a.patient_id', '=', f.patientId);
  if (f.payerId) q = q.where('y.payer_id', '=', f.payerId);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.activeOn) q = q.where('a.valid_from', '<=', f.activeOn).where('a.valid_to', '>=', f.activeOn);
  if (f.code) q = q.where(sql<boolean>`${f.code} = any(a.codes)`);
  return q.orderBy('a.valid_to', 'desc').orderBy('a.id').limit(f.limit).offset(f.offset).execute();
}
export type PriorAuthRow = Awaited<ReturnType<typeof priorAuthRows>>[number];

export async function findPriorAuth(db: DbOrTx, id: string) {
  return base(db).where('a.id', '=', id).executeTakeFirst();
}

export async function lockPriorAuth(db: DbOrTx, id: string) {
  return db.selectFrom('billing_prior_auth').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertPriorAuth(db: DbOrTx, row: Insertable<BillingPriorAuthTable>) {
  return db
    .insertInto('billing_prior_auth')
    .values(row)
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

export async function updatePriorAuth(
  db: DbOrTx,
  id: string,
  set: Partial<Insertable<BillingPriorAuthTable>>,
  now: Date,
): Promise<number> {
  const r = await db
    .updateTable('billing_prior_auth')
    .set((e) => ({ ...set, version: e('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return r.version;
}

export async function insertPriorAuthEvent(db: DbOrTx, row: Insertable<BillingPriorAuthEventTable>) {
  await db.insertInto('billing_prior_auth_event').values(row).execute();
}

export async function priorAuthEvents(db: DbOrTx, id: string) {
  return db
    .selectFrom('billing_prior_auth_event')
    .select(['version', 'action', 'actor', 'at', 'snapshot'])
    .where('prior_auth_id', '=', id)
    .orderBy('version')
    .execute();
}

/**
 * Approved authorizations of these patients and payers whose window covers the given dates, with units
 * left (or no unit limit): the candidates the scrubber picks from.
 */
export async function approvedAuthsFor(db: DbOrTx, patientIds: string[], payerRefs: string[]) {
  if (patientIds.length === 0) return [];
  return db
    .selectFrom('billing_prior_auth')
    .select(['id', 'patient_id', 'payer_ref', 'codes', 'valid_from', 'valid_to', 'auth_number'])
    .where(sql<boolean>`patient_id = any(${patientIds}::uuid[])`)
    .where(sql<boolean>`payer_ref = any(${payerRefs}::uuid[])`)
    .where('status', 'in', ['approved', 'partially_approved'])
    .where('auth_number', 'is not', null)
    .where((e) => e.or([e('units_approved', 'is', null), e('units_used', '<', e.ref('units_approved'))]))
    .orderBy('valid_to', 'desc')
    .execute();
}
