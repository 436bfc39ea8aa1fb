import { type Insertable, sql, type Updateable } from 'kysely';
import { userDirectory } from '../access/index.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { patientDirectory } from '../patients/index.ts';
import type { DisclosureRecordTable, DisclosureRequestTable } from './disclosure.tables.ts';

type NewRequest = Insertable<DisclosureRequestTable>;

export async function nextRequestNo(db: DbOrTx, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('disclosure_request_no') as n`.execute(db);
  return `ROI-${year}-${String(rows[0]!.n).padStart(6, '0')}`;
}

export async function insertRequest(db: DbOrTx, row: NewRequest): Promise<string> {
  const { id } = await db
    .insertInto('disclosure_request')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findRequest(db: DbOrTx, id: string) {
  return db.selectFrom('disclosure_request').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRequest(
  db: DbOrTx,
  id: string,
  set: Omit<Updateable<DisclosureRequestTable>, 'id' | 'version'>,
) {
  await db
    .updateTable('disclosure_request')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function insertEvent(
  db: DbOrTx,
  row: {
    request_id: string;
    patient_id: string;
    status: string;
    note: string | null;
    actor_id: string | null;
    at: Date;
  },
) {
  await db.insertInto('disclosure_request_event').values(row).execute();
}

export async function eventsOf(db: DbOrTx, requestId: string) {
  return db
    .selectFrom('disclosure_request_event')
    .leftJoin(userDirectory(db).as('u'), 'u.id', 'disclosure_request_event.actor_id')
    .select(['status', 'note', 'at', 'u.username as actor'])
    .where('request_id', '=', requestId)
    .orderBy('disclosure_request_event.id')
    .execute();
}

export async function insertAuthorization(
  db: DbOrTx,
  row: {
    patient_id: string;
    request_id: string;
    form: string;
    document_sha256?: string | null;
    captured_by: string | null;
    captured_at: Date;
  },
) {
  const { id } = await db
    .insertInto('disclosure_authorization')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function latestAuthorization(db: DbOrTx, requestId: string) {
  return db
    .selectFrom('disclosure_authorization')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('captured_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findAuthorization(db: DbOrTx, id: string) {
  return db.selectFrom('disclosure_authorization').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markAuthorizationRevoked(db: DbOrTx, id: string, on: string) {
  await db.updateTable('disclosure_authorization').set({ revoked_on: on }).where('id', '=', id).execute();
}

/** Requests still in progress that rely on an authorization (revocation stops them). */
export async function pendingRequestsUsing(db: DbOrTx, authorizationId: string) {
  return db
    .selectFrom('disclosure_request')
    .innerJoin('disclosure_authorization', 'disclosure_authorization.request_id', 'disclosure_request.id')
    .select(['disclosure_request.id', 'disclosure_request.status', 'disclosure_request.patient_id'])
    .where('disclosure_authorization.id', '=', authorizationId)
    .where('disclosure_request.status', 'in', ['retrieval', 'quality-review'])
    .execute();
}

export async function insertDisclosureRecord(db: DbOrTx, row: Insertable<DisclosureRecordTable>) {
  const { id } = await db
    .insertInto('disclosure_record')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Disclosures of the given records (a patient and the records merged into it) in the period, newest first. */
export async function accountableDisclosures(
  db: DbOrTx,
  patientIds: string[],
  fromDate: string,
  toDate: string,
  includeExempt = false,
) {
  let q = db.selectFrom('disclosure_record').selectAll().where('patient_id', 'in', patientIds);
  if (!includeExempt) q = q.where('accountable', '=', true);
  return q
    .where('disclosed_on', '>=', fromDate)
    .where('disclosed_on', '<=', toDate)
    .orderBy('disclosed_on', 'desc')
    .execute();
}

export interface QueueFilter {
  status?: string;
  requesterType?: string;
  dueBefore?: string;
  limit: number;
  offset: number;
}

/** The ROI queue: open requests, most urgent first. */
export async function queue(db: DbOrTx, f: QueueFilter) {
  let q = db
    .selectFrom('disclosure_request')
    .innerJoin(patientDirectory(db).as('p'), 'p.id', 'disclosure_request.patient_id')
    .select([
      'disclosure_request.id',
      'request_no',
      'disclosure_request.patient_id',
      'p.mrn',
      'p.family_name',
      'p.given_name',
      'requester_type',
      'requester_name',
      'purpose',
      'received_on',
      'due_on',
      'disclosure_request.status',
    ]);
  q = f.status
    ? q.where('disclosure_request.status', '=', f.status)
    : q.where('disclosure_request.status', 'not in', ['released', 'denied', 'cancelled']);
  if (f.requesterType) q = q.where('requester_type', '=', f.requesterType);
  if (f.dueBefore) q = q.where('due_on', '<=', f.dueBefore);
  const [rows, total] = await Promise.all([
    q.orderBy('due_on').orderBy('request_no').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function patientStatus(db: DbOrTx, patientId: string) {
  return db
    .selectFrom(patientDirectory(db).as('p'))
    .select(['id', 'status', 'merged_into'])
    .where('id', '=', patientId)
    .executeTakeFirst();
}

/** Whether the patient has died (a representative then needs documented authority, 164.502(g)(4)). */
export async function patientDeceased(db: DbOrTx, patientId: string): Promise<boolean> {
  const row = await db
    .selectFrom(patientDirectory(db).as('p'))
    .select('date_of_death')
    .where('id', '=', patientId)
    .executeTakeFirst();
  return !!row?.date_of_death;
}

/** The accounting entry recorded for a given purpose (the privacy-violation entry names its alert in it). */
export async function disclosureWithPurpose(db: DbOrTx, patientId: string, purpose: string) {
  return db
    .selectFrom('disclosure_record')
    .select(['id', 'disclosed_on', 'created_at'])
    .where('patient_id', '=', patientId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}
