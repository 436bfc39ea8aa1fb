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

/** The requester type and extension of one request (the "My work" label of the most urgent one). */
export function requestClockFacts(db: DbOrTx, id: string) {
  return db
    .selectFrom('disclosure_request')
    .select(['requester_type', 'extension_granted_on'])
    .where('id', '=', id)
    .executeTakeFirst();
}
