import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import { type WorkCount, workCount } from '../kernel/work-queue.ts';

/** Open release-of-information requests against their due dates (30 days for a patient's own, 164.524). */
export function requestWork(db: DbOrTx, today: string): Promise<WorkCount> {
  const q = db
    .selectFrom('disclosure_request')
    .select(['id', sql<Date>`received_on::timestamptz`.as('since'), sql<string>`due_on::text`.as('due')])
    .where('status', 'not in', ['released', 'denied', 'cancelled']);
  return workCount(db, q, today);
}
