import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';

/** All SQL for searching the audit trail and the break-the-glass review queue. */

export interface AuditFilter {
  userId?: string;
  username?: string;
  patientId?: string;
  action?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

function filtered(db: DbOrTx, f: AuditFilter) {
  let q = db.selectFrom('audit_event');
  if (f.userId) q = q.where('actor_user_id', '=', f.userId);
  if (f.username) q = q.where('actor_username', '=', f.username.toLowerCase());
  // @> keeps the GIN index on patient_ids in play.
  if (f.patientId) q = q.where(sql<boolean>`patient_ids @> array[${f.patientId}]::uuid[]`);
  if (f.action) q = q.where('action', 'like', f.action.endsWith('.') ? `${f.action}%` : f.action);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  return q;
}

const COLUMNS = [
  'seq',
  'id',
  'occurred_at',
  'actor_user_id',
  'actor_username',
  'actor_roles',
  'facility_id',
  'action',
  'outcome',
  'patient_ids',
  'resource_type',
  'resource_id',
  'purpose_of_use',
  'break_glass',
  'source_ip',
  'user_agent',
  'request_id',
  'channel',
] as const;

/** Newest first. */
export async function findAuditEvents(db: DbOrTx, f: AuditFilter, page: { offset: number; limit: number }) {
  const [rows, total] = await Promise.all([
    filtered(db, f).select(COLUMNS).orderBy('seq', 'desc').offset(page.offset).limit(page.limit).execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export type AuditEventRow = Awaited<ReturnType<typeof findAuditEvents>>['rows'][number];

export async function breakGlassEvents(
  db: DbOrTx,
  status: string | undefined,
  page: { offset: number; limit: number },
) {
  let q = db.selectFrom('access_break_glass as b').innerJoin('access_user as u', 'u.id', 'b.user_id');
  if (status) q = q.where('b.review_status', '=', status);
  return q
    .select([
      'b.id',
      'b.user_id',
      'u.username',
      'u.full_name',
      'b.patient_id',
      'b.reason_code',
      'b.reason_text',
      'b.started_at',
      'b.expires_at',
      'b.review_status',
      'b.reviewed_at',
      'b.review_note',
    ])
    .orderBy('b.started_at', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function findBreakGlass(db: DbOrTx, id: string) {
  return db
    .selectFrom('access_break_glass')
    .select(['id', 'patient_id', 'review_status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The review outcome; the audit trail keeps every review step. */
export async function setBreakGlassReview(
  db: DbOrTx,
  id: string,
  r: { review_status: string; reviewed_by: string; reviewed_at: Date; review_note: string },
): Promise<void> {
  await db.updateTable('access_break_glass').set(r).where('id', '=', id).execute();
}

/** One audit-trail event by id (AuditEvent read); the columns the AuditEvent mapper shows. */
export async function auditEventRow(db: DbOrTx, id: string) {
  return db
    .selectFrom('audit_event')
    .select([
      'seq',
      'id',
      'occurred_at',
      'actor_user_id',
      'actor_username',
      'actor_roles',
      'action',
      'outcome',
      'patient_ids',
      'resource_type',
      'resource_id',
      'purpose_of_use',
      'break_glass',
      'source_ip',
      'channel',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}
