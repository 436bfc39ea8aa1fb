import { type Insertable, sql } from 'kysely';
import { userDirectory } from '../../access/index.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { patientDirectory } from '../../patients/index.ts';
import { bucketSql } from '../aging/aging.queries.ts';
import type { ClaimStatus } from '../billing.tables.ts';
import type { DenialStatus } from '../remit/remit.tables.ts';
import type { BillingDenialAppealTable, BillingDenialEventTable } from './denials.tables.ts';

export interface DenialFilter {
  statuses: DenialStatus[];
  /** CARCs to keep (a category), or to leave out (`other`: every code not in the local list). */
  reasons?: { in: string[] } | { notIn: string[] } | undefined;
  group?: string | undefined;
  payer?: string | undefined;
  assignedTo?: string | null | undefined;
  /** Age in days on `today` (inclusive range). */
  age?: { min: number; max: number | null } | undefined;
  minAmount?: number | undefined;
  claimId?: string | undefined;
  today: string;
  sort: 'oldest' | 'amount';
  limit: number;
  offset: number;
}

function queue(db: DbOrTx) {
  return db
    .selectFrom('billing_denial as d')
    .innerJoin('billing_claim as c', 'c.id', 'd.claim_id')
    .innerJoin(patientDirectory(db).as('p'), 'p.id', 'c.patient_id')
    .leftJoin('billing_payer as y', 'y.id', 'c.payer_ref')
    .leftJoin(userDirectory(db).as('u'), 'u.id', 'd.assigned_to')
    .leftJoin('billing_claim_line as l', 'l.id', 'd.claim_line_id');
}

const DENIAL_COLUMNS = [
  'd.id',
  'd.claim_id',
  'd.claim_line_id',
  'd.remit_claim_id',
  'd.payer_name',
  'd.group_code',
  'd.reason_code',
  'd.remarks',
  'd.amount',
  'd.denied_on',
  'd.status',
  'd.assigned_to',
  'd.assigned_at',
  'd.version',
  'd.corrected_claim_id',
  'd.created_at',
  'd.updated_at',
  'c.patient_control_number',
  'c.patient_id',
  'c.type as claim_type',
  'c.status as claim_status',
  'c.service_from',
  'c.service_to',
  'c.charge as claim_charge',
  'c.paid as claim_paid',
  'c.adjusted as claim_adjusted',
  'y.payer_id',
  'p.mrn',
  'p.family_name',
  'p.given_name',
  'u.username as assignee_username',
  'u.full_name as assignee_name',
  'l.line_no',
  'l.code as line_code',
] as const;

type Filterable = ReturnType<typeof queue>;

/** The queue's filters, shared by the page and its count so the two can never disagree. */
function filtered<Q extends Filterable>(q: Q, f: DenialFilter): Q {
  let r = q.where('d.status', 'in', f.statuses) as Q;
  if (f.reasons && 'in' in f.reasons) r = r.where('d.reason_code', 'in', f.reasons.in) as Q;
  if (f.reasons && 'notIn' in f.reasons) r = r.where('d.reason_code', 'not in', f.reasons.notIn) as Q;
  if (f.group) r = r.where('d.group_code', '=', f.group) as Q;
  if (f.payer) {
    const payer = f.payer;
    r = r.where((e) => e.or([e('y.payer_id', '=', payer), e('d.payer_name', 'ilike', `%${payer}%`)])) as Q;
  }
  if (f.assignedTo === null) r = r.where('d.assigned_to', 'is', null) as Q;
  else if (f.assignedTo) r = r.where('d.assigned_to', '=', f.assignedTo) as Q;
  if (f.age) {
    r = r.where('d.denied_on', '<=', sql<string>`${f.today}::date - ${f.age.min}::int`) as Q;
    if (f.age.max !== null)
      r = r.where('d.denied_on', '>=', sql<string>`${f.today}::date - ${f.age.max}::int`) as Q;
  }
  if (f.minAmount !== undefined) r = r.where('d.amount', '>=', String(f.minAmount)) as Q;
  if (f.claimId) r = r.where('d.claim_id', '=', f.claimId) as Q;
  return r;
}

/** The denials queue: one page, filtered in SQL (index billing_denial_queue on status, group, date). */
export async function denialRows(db: DbOrTx, f: DenialFilter) {
  const q = filtered(queue(db), f).select(DENIAL_COLUMNS);
  const sorted = f.sort === 'amount' ? q.orderBy('d.amount', 'desc') : q.orderBy('d.denied_on');
  return sorted.orderBy('d.id').limit(f.limit).offset(f.offset).execute();
}

/**
 * How many denials match the filter, per patient, over every page: the service drops the patients
 * restricted to the actor and sums the rest, so `total` counts what the actor could page through.
 */
export async function denialCountsByPatient(db: DbOrTx, f: DenialFilter) {
  return filtered(queue(db), f)
    .select(['c.patient_id', (e) => e.fn.countAll<string>().as('n')])
    .groupBy('c.patient_id')
    .execute();
}
export type DenialRow = Awaited<ReturnType<typeof denialRows>>[number];

export async function findDenial(db: DbOrTx, id: string) {
  return queue(db).select(DENIAL_COLUMNS).where('d.id', '=', id).executeTakeFirst();
}

/** Locks a denial for a change (the version check happens in the service). */
export async function lockDenial(db: DbOrTx, id: string) {
  return db
    .selectFrom('billing_denial')
    .select(['id', 'claim_id', 'status', 'version', 'assigned_to'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setDenial(
  db: DbOrTx,
  id: string,
  set: {
    status?: DenialStatus;
    assigned_to?: string | null;
    assigned_at?: Date | null;
    corrected_claim_id?: string;
  },
  now: Date,
): Promise<number> {
  const r = await db
    .updateTable('billing_denial')
    .set((e) => ({ ...set, version: e('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return r.version;
}

export async function insertDenialEvent(db: DbOrTx, row: Insertable<BillingDenialEventTable>) {
  await db.insertInto('billing_denial_event').values(row).execute();
}

export async function denialEvents(db: DbOrTx, denialId: string) {
  return db
    .selectFrom('billing_denial_event as e')
    .leftJoin(userDirectory(db).as('u'), 'u.id', 'e.assigned_to')
    .select(['e.version', 'e.action', 'e.status', 'e.note', 'e.actor', 'e.at', 'u.username as assignee'])
    .where('e.denial_id', '=', denialId)
    .orderBy('e.version')
    .execute();
}

/** An active user to assign a denial to. */
export async function activeUser(db: DbOrTx, id: string) {
  return userDirectory(db)
    .where('id', '=', id)
    .where('active', '=', true)
    .where('is_service', '=', false)
    .executeTakeFirst();
}

/** Open denial amounts per payer and age bucket (0–30 … 120+ days on `today`), for the aging report. */
export async function agingRows(db: DbOrTx, today: string, statuses: DenialStatus[]) {
  const age = sql<number>`(${today}::date - d.denied_on)`;
  const bucket = bucketSql(age);
  return (
    db
      .selectFrom('billing_denial as d')
      .innerJoin('billing_claim as c', 'c.id', 'd.claim_id')
      .select([
        'd.payer_name',
        bucket.as('bucket'),
        (e) => e.fn.countAll<string>().as('n'),
        (e) => e.fn.sum<string>('d.amount').as('amount'),
        sql<string[]>`array_agg(distinct c.patient_id)`.as('patients'),
      ])
      .where('d.status', 'in', statuses)
      // By position: the bucket expression carries a bound parameter, so it cannot be repeated here.
      .groupBy([sql`1`, sql`2`])
      .orderBy('d.payer_name')
      .execute()
  );
}

export async function appealsOf(db: DbOrTx, denialId: string) {
  return db
    .selectFrom('billing_denial_appeal')
    .select(['id', 'level', 'reason', 'records', 'created_by', 'created_at'])
    .where('denial_id', '=', denialId)
    .orderBy('level')
    .execute();
}

export async function findAppeal(db: DbOrTx, denialId: string, appealId: string) {
  return db
    .selectFrom('billing_denial_appeal')
    .selectAll()
    .where('denial_id', '=', denialId)
    .where('id', '=', appealId)
    .executeTakeFirst();
}

export async function insertAppeal(db: DbOrTx, row: Insertable<BillingDenialAppealTable>) {
  return db.insertInto('billing_denial_appeal').values(row).returning(['id']).executeTakeFirstOrThrow();
}

/** The other denials of a claim still being worked (a corrected claim answers them all). */
export async function openDenialsOfClaim(db: DbOrTx, claimId: string) {
  return db
    .selectFrom('billing_denial')
    .select(['id', 'status', 'version'])
    .where('claim_id', '=', claimId)
    .where('status', 'in', ['open', 'in_progress', 'appealed'])
    .forUpdate()
    .execute();
}

/** The claim a denial is about, locked for an appeal or a resubmission. */
export async function lockClaim(db: DbOrTx, id: string) {
  return db.selectFrom('billing_claim').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Sets a claim's status and bumps its version (the caller writes the history row); returns the version. */
export async function setClaimStatus(
  db: DbOrTx,
  id: string,
  status: ClaimStatus,
  now: Date,
): Promise<number> {
  const r = await db
    .updateTable('billing_claim')
    .set((e) => ({ status, version: e('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return r.version;
}

/** The payer's claim control number (CLP07) of the latest remittance for a claim. */
export async function payerClaimNumber(db: DbOrTx, claimId: string): Promise<string | null> {
  const r = await db
    .selectFrom('billing_remit_claim as rc')
    .innerJoin('billing_remit as r', 'r.id', 'rc.remit_id')
    .select('rc.payer_claim_number')
    .where('rc.claim_id', '=', claimId)
    .where('rc.payer_claim_number', '!=', '')
    .orderBy('r.imported_at', 'desc')
    .executeTakeFirst();
  return r?.payer_claim_number ?? null;
}

export async function countAppeals(db: DbOrTx, denialId: string): Promise<number> {
  const r = await db
    .selectFrom('billing_denial_appeal')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('denial_id', '=', denialId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
