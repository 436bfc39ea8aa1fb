import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

export async function runningSweep(db: DbOrTx) {
  return db
    .selectFrom('patient_sweep')
    .selectAll()
    .where('status', '=', 'running')
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
}

export async function latestSweep(db: DbOrTx) {
  // A running sweep first; then the latest to finish (a test clock may give equal start times).
  return db
    .selectFrom('patient_sweep')
    .selectAll()
    .orderBy(sql`finished_at desc nulls first`)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertSweep(db: DbOrTx, startedAt: Date, by: string, total: number): Promise<string> {
  const r = await db
    .insertInto('patient_sweep')
    .values({ status: 'running', started_at: startedAt, started_by: by, cursor: null, total })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function sweepProgress(
  db: DbOrTx,
  id: string,
  cursor: string,
  processed: number,
  pairs: number,
) {
  await db
    .updateTable('patient_sweep')
    .set((eb) => ({
      cursor,
      processed: eb('processed', '+', processed),
      pairs_found: eb('pairs_found', '+', pairs),
    }))
    .where('id', '=', id)
    .execute();
}

export async function setSweepJob(db: DbOrTx, id: string, jobId: string) {
  await db.updateTable('patient_sweep').set({ job_id: jobId }).where('id', '=', id).execute();
}

/** An administrator retried the failed sweep's job: it runs again from its cursor. */
export async function reopenSweep(db: DbOrTx, id: string) {
  await db
    .updateTable('patient_sweep')
    .set({ status: 'running', finished_at: null })
    .where('id', '=', id)
    .execute();
}

export async function finishSweep(db: DbOrTx, id: string, status: 'done' | 'failed', at: Date) {
  await db.updateTable('patient_sweep').set({ status, finished_at: at }).where('id', '=', id).execute();
}

export async function activeCount(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('patient')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The next batch of active patients after the cursor, in id order (the sweep resumes from its cursor). */
export async function sweepBatch(db: DbOrTx, after: string | null, limit: number) {
  let q = db
    .selectFrom('patient')
    .select([
      'id',
      'family_name',
      'given_name',
      'middle_name',
      'birth_date',
      'sex_at_birth',
      'ssn_hash',
      'ssn_last4_hash',
      'address_line',
      'postal_code',
      'phone_digits',
    ])
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(limit);
  if (after) q = q.where('id', '>', after);
  return q.execute();
}

export async function sweepById(db: DbOrTx, id: string) {
  return db.selectFrom('patient_sweep').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
