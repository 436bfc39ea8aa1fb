import { sql } from 'kysely';
import type { DbOrTx } from './db.ts';
import type { JobStatus } from './kernel.tables.ts';

/** All SQL over `kernel_job` (the kernel owns it, with pg-boss's schema `pgboss`). */

export async function insertJob(
  db: DbOrTx,
  row: { id: string; kind: string; label: string; started_by: string; created_at: Date },
): Promise<void> {
  await db
    .insertInto('kernel_job')
    .values({ ...row, status: 'queued' })
    .execute();
}

export async function jobById(db: DbOrTx, id: string) {
  return db.selectFrom('kernel_job').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks an attempt as started; answers false when the job was cancelled meanwhile (nothing to run). */
export async function markRunning(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('kernel_job')
    .set((eb) => ({ status: 'running', started_at: at, attempts: eb('attempts', '+', 1), error: null }))
    .where('id', '=', id)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records progress; returns undefined when the job is cancelled (its progress then stays as it was). */
export async function setProgress(
  db: DbOrTx,
  id: string,
  done: number,
  total: number | null,
  note: string | null,
): Promise<JobStatus | undefined> {
  const r = await db
    .updateTable('kernel_job')
    .set({ progress_done: done, progress_total: total, progress_note: note })
    .where('id', '=', id)
    .where('status', '!=', 'cancelled')
    .returning('status')
    .executeTakeFirst();
  return r?.status;
}

/** Moves a job to a new status unless it is already cancelled (a cancellation is final). */
export async function setStatus(
  db: DbOrTx,
  id: string,
  status: JobStatus,
  fields: { finished_at?: Date | null; error?: string | null } = {},
): Promise<void> {
  await db
    .updateTable('kernel_job')
    .set({ status, ...fields })
    .where('id', '=', id)
    .where('status', '!=', 'cancelled')
    .execute();
}

export async function cancelJobRow(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('kernel_job')
    .set({ status: 'cancelled', finished_at: at })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running', 'retrying'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function requeueJobRow(db: DbOrTx, id: string): Promise<boolean> {
  const r = await db
    .updateTable('kernel_job')
    .set({ status: 'queued', finished_at: null, error: null })
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'cancelled'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** One page of jobs, newest first, optionally of some kinds or statuses. */
export async function listJobs(
  db: DbOrTx,
  opts: { kinds?: string[]; statuses?: JobStatus[]; limit: number; offset: number },
) {
  let q = db.selectFrom('kernel_job');
  if (opts.kinds?.length) q = q.where('kind', 'in', opts.kinds);
  if (opts.statuses?.length) q = q.where('status', 'in', opts.statuses);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('seq', 'desc').limit(opts.limit).offset(opts.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Brings unfinished `kernel_job` rows in line with the queue after a crash: a row still queued, running or
 * retrying whose pg-boss job is gone or finished is closed (completed or cancelled as pg-boss recorded it,
 * otherwise failed). A job pg-boss still holds (created, retry, active) is left to the queue: pg-boss hands
 * one of a dead worker to a live one. Only rows created before `olderThan` are looked at: a job sent without
 * a transaction is written here a moment before pg-boss has it, and another process starting in that
 * moment must not close it. Returns how many rows were closed.
 */
export async function reconcileJobRows(db: DbOrTx, at: Date, olderThan: Date): Promise<number> {
  const r = await sql<{ id: string }>`
    update kernel_job k
       set status = case b.state::text when 'completed' then 'completed' when 'cancelled' then 'cancelled'
                                       else 'failed' end,
           finished_at = ${at},
           error = case when b.state::text in ('completed', 'cancelled') then k.error
                        else coalesce(k.error, 'The process running this job stopped before it finished.') end
      from kernel_job k2
      left join pgboss.job b on b.id = k2.id and b.name = k2.kind
     where k.id = k2.id
       and k.status in ('queued', 'running', 'retrying')
       and k.created_at < ${olderThan}
       and (b.id is null or b.state::text in ('completed', 'cancelled', 'failed'))
    returning k.id`.execute(db);
  return r.rows.length;
}
