import type { DbOrTx } from '../../kernel/db.ts';
import type { InteropExportJobTable } from './bulk.tables.ts';

export async function insertExportJob(
  db: DbOrTx,
  row: {
    level: InteropExportJobTable['level'];
    types: string[];
    since: Date | null;
    request_url: string;
    requested_by: string;
    requested_by_user: string | null;
    at: Date;
  },
): Promise<string> {
  const { at, ...rest } = row;
  const r = await db
    .insertInto('interop_export_job')
    .values({ ...rest, status: 'running', requested_at: at, transaction_time: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findExportJob(db: DbOrTx, id: string) {
  return db.selectFrom('interop_export_job').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function finishExportJob(
  db: DbOrTx,
  id: string,
  status: InteropExportJobTable['status'],
  at: Date,
  output: { type: string; file: string; count: number }[] = [],
  error: string | null = null,
): Promise<void> {
  await db
    .updateTable('interop_export_job')
    .set({ status, finished_at: at, output: JSON.stringify(output), error })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Which queue job runs this export (kernel_job.id). */
export async function setExportJobId(db: DbOrTx, id: string, jobId: string): Promise<void> {
  await db.updateTable('interop_export_job').set({ job_id: jobId }).where('id', '=', id).execute();
}
