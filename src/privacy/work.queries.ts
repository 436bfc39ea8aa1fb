import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import { type WorkCount, workCount } from '../kernel/work-queue.ts';

/**
 * Days from the discovery of a breach to the latest notice to the individual (45 CFR 164.404(b)); an alert
 * is the discovery, so its review has to end well inside this.
 */
export const BREACH_NOTICE_DAYS = 60;

/** Privacy alerts not yet closed (new or under review), against the breach-notification clock. */
export function openAlertWork(db: DbOrTx, today: string): Promise<WorkCount> {
  const q = db
    .selectFrom('privacy_alert')
    .select([
      'id',
      'created_at as since',
      sql<string>`((created_at at time zone 'UTC')::date + ${sql.lit(BREACH_NOTICE_DAYS)})::text`.as('due'),
    ])
    .where('status', 'in', ['new', 'under_review']);
  return workCount(db, q, today);
}
