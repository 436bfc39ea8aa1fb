import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import { type WorkCount, workCount } from '../kernel/work-queue.ts';

/** The rules whose deficiency is "sign this note" (shown as its own queue). */
const SIGNING_RULES = ['unsigned-note', 'resident-cosign'];
const dueDay = sql<string>`(due_at at time zone 'UTC')::date`;

/** Open deficiencies: assigned to one clinician, or all of them (the HIM queue). */
export function deficiencyWork(
  db: DbOrTx,
  today: string,
  f: { responsibleId?: string; signing?: boolean },
): Promise<WorkCount> {
  let q = db
    .selectFrom('completeness_deficiency')
    .select(['id', 'opened_at as since', dueDay.as('due')])
    .where('status', '=', 'open');
  if (f.responsibleId) q = q.where('responsible_user_id', '=', f.responsibleId);
  if (f.signing === true) q = q.where('rule_id', 'in', SIGNING_RULES);
  if (f.signing === false) q = q.where('rule_id', 'not in', SIGNING_RULES);
  return workCount(db, q, today);
}

/** Open clinician queries addressed to one user. */
export function queryWork(db: DbOrTx, today: string, addresseeId: string): Promise<WorkCount> {
  const q = db
    .selectFrom('completeness_query')
    .select(['id', 'opened_at as since', sql<string>`due_on::text`.as('due')])
    .where('status', '=', 'open')
    .where('addressee_user_id', '=', addresseeId);
  return workCount(db, q, today);
}

/** Pending amendment requests, against the 60-day clock (or its one extension). */
export function amendmentWork(db: DbOrTx, today: string): Promise<WorkCount> {
  const q = db
    .selectFrom('completeness_amendment')
    .select([
      'id',
      sql<Date>`received_on::timestamptz`.as('since'),
      sql<string>`coalesce(extended_due_on, due_on)::text`.as('due'),
    ])
    .where('status', '=', 'pending');
  return workCount(db, q, today);
}
