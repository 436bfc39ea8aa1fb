import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import { type WorkCount, workCount } from '../kernel/work-queue.ts';

/**
 * Days a payer allows for the first-level appeal of a denial, counted from the remittance that denied it.
 * Medicare's redetermination limit is 120 days from receipt of the initial determination (42 CFR
 * 405.942(a)); commercial contracts vary (often 90–180), so the queue shows Medicare's as the default clock.
 */
export const APPEAL_LIMIT_DAYS = 120;

/**
 * Denials waiting on the billing office (open or being worked, not yet appealed, resubmitted or closed),
 * each against its appeal limit. The id is the denied claim's, whose page shows the denial and its appeal.
 */
export function denialWork(db: DbOrTx, today: string): Promise<WorkCount> {
  const q = db
    .selectFrom('billing_denial')
    .select([
      sql<string>`claim_id::text`.as('id'),
      sql<Date>`denied_on::timestamptz`.as('since'),
      sql<string>`(denied_on::date + ${sql.lit(APPEAL_LIMIT_DAYS)})::text`.as('due'),
    ])
    .where('status', 'in', ['open', 'in_progress']);
  return workCount(db, q, today);
}

/**
 * Prior authorizations still pending with the payer, due on the first day of service they cover: a claim
 * for a service without its approved authorization is denied (CARC 197, 837 REF*G1 missing).
 */
export function priorAuthWork(db: DbOrTx, today: string): Promise<WorkCount> {
  const q = db
    .selectFrom('billing_prior_auth')
    .select(['id', 'created_at as since', sql<string>`valid_from::text`.as('due')])
    .where('status', '=', 'pending');
  return workCount(db, q, today);
}
