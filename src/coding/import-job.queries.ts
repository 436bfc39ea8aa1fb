import type { Insertable, Updateable } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type { CodingImportJobTable } from './import-job.tables.ts';

export async function insertImportJob(db: DbOrTx, row: Insertable<CodingImportJobTable>) {
  return db.insertInto('coding_import_job').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateImportJob(db: DbOrTx, id: string, change: Updateable<CodingImportJobTable>) {
  await db.updateTable('coding_import_job').set(change).where('id', '=', id).execute();
}

export async function findImportJob(db: DbOrTx, id: string) {
  return db.selectFrom('coding_import_job').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recentImportJobs(db: DbOrTx, limit: number) {
  return db.selectFrom('coding_import_job').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}
