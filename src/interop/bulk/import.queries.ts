import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';
import type { InteropImportJobTable, TypeCounts } from './bulk.tables.ts';

export interface LinkRow {
  resource_type: string;
  source_id: string;
  target_id: string;
  patient_id: string | null;
  content_hash: string;
}

/** Links of the given source ids (any type; the caller matches the type). */
export async function findLinks(db: DbOrTx, source: string, sourceIds: string[]): Promise<LinkRow[]> {
  if (sourceIds.length === 0) return [];
  return db
    .selectFrom('interop_source_link')
    .select(['resource_type', 'source_id', 'target_id', 'patient_id', 'content_hash'])
    .where('source', '=', source)
    .where('source_id', 'in', [...new Set(sourceIds)])
    .execute();
}

export async function upsertLinks(
  db: DbOrTx,
  source: string,
  links: (LinkRow & { target_table: string })[],
  at: Date,
): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto('interop_source_link')
    .values(links.map((l) => ({ ...l, source, updated_at: at })))
    .onConflict((oc) =>
      oc.columns(['source', 'resource_type', 'source_id']).doUpdateSet((eb) => ({
        target_id: eb.ref('excluded.target_id'),
        patient_id: eb.ref('excluded.patient_id'),
        content_hash: eb.ref('excluded.content_hash'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function insertJob(
  db: DbOrTx,
  row: {
    source: string;
    channel: string;
    files: { path: string; name: string }[];
    total: number;
    started_by: string;
    at: Date;
  },
): Promise<string> {
  const r = await db
    .insertInto('interop_import_job')
    .values({
      status: 'running',
      source: row.source,
      channel: row.channel,
      files: JSON.stringify(row.files),
      total: row.total,
      started_by: row.started_by,
      started_at: row.at,
      updated_at: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type JobRow = Awaited<ReturnType<typeof findJob>>;

export async function findJob(db: DbOrTx, id: string) {
  return db.selectFrom('interop_import_job').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest unfinished job over exactly these files (an interrupted CLI import resumes it). */
export async function findUnfinishedJob(db: DbOrTx, source: string, files: { path: string }[]) {
  return db
    .selectFrom('interop_import_job')
    .selectAll()
    .where('status', 'in', ['running', 'failed'])
    .where('source', '=', source)
    .where(
      sql<boolean>`(select jsonb_agg(f->'path') from jsonb_array_elements(files) f) = ${JSON.stringify(files.map((f) => f.path))}::jsonb`,
    )
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
}

export async function listJobs(db: DbOrTx, limit: number, offset: number) {
  const [rows, n] = await Promise.all([
    db
      .selectFrom('interop_import_job')
      .selectAll()
      .orderBy('started_at', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('interop_import_job')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(n.n) };
}

/** Commits progress with the unit's writes: cursor, counts and processed move together. */
export async function advanceJob(
  db: DbOrTx,
  id: string,
  p: { cursorFile: number; cursorEntry: number; counts: TypeCounts; processed: number; at: Date },
): Promise<void> {
  await db
    .updateTable('interop_import_job')
    .set({
      cursor_file: p.cursorFile,
      cursor_entry: p.cursorEntry,
      counts: JSON.stringify(p.counts),
      processed: p.processed,
      updated_at: p.at,
    })
    .where('id', '=', id)
    .execute();
}

/** Closes a running job; a job already closed (cancelled meanwhile) keeps its status. */
export async function finishJob(
  db: DbOrTx,
  id: string,
  status: InteropImportJobTable['status'],
  at: Date,
  error: string | null = null,
): Promise<void> {
  await db
    .updateTable('interop_import_job')
    .set({ status, finished_at: at, updated_at: at, error })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Opens a failed or cancelled job again, to resume it from its cursor. */
export async function reopenJob(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db
    .updateTable('interop_import_job')
    .set({ status: 'running', finished_at: null, updated_at: at, error: null })
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'cancelled'])
    .execute();
}

/** Which queue job runs this import (kernel_job.id). */
export async function setImportJobId(db: DbOrTx, id: string, jobId: string): Promise<void> {
  await db.updateTable('interop_import_job').set({ job_id: jobId }).where('id', '=', id).execute();
}

export async function insertRejects(
  db: DbOrTx,
  jobId: string,
  rows: {
    file: string;
    location: string;
    resource_type: string | null;
    resource_id: string | null;
    issues: unknown[];
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('interop_import_reject')
    .values(rows.map((r) => ({ ...r, job_id: jobId, issues: JSON.stringify(r.issues) })))
    .execute();
}

export async function listRejects(db: DbOrTx, jobId: string, limit: number, offset: number) {
  const [rows, n] = await Promise.all([
    db
      .selectFrom('interop_import_reject')
      .selectAll()
      .where('job_id', '=', jobId)
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('interop_import_reject')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('job_id', '=', jobId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(n.n) };
}
