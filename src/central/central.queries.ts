import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type {
  CentralRecordTable,
  CentralSourceTable,
  CentralSubmissionTable,
  SubmissionError,
} from './central.tables.ts';

/** All SQL over the central registry's tables (one owner per table). */

export type SourceRow = Selectable<CentralSourceTable>;
export type SubmissionRow = Selectable<CentralSubmissionTable>;
export type RecordRow = Selectable<CentralRecordTable>;

export const insertSource = (db: DbOrTx, row: Insertable<CentralSourceTable>) =>
  db.insertInto('central_source').values(row).returningAll().executeTakeFirstOrThrow();

export const sourceByCode = (db: DbOrTx, code: string) =>
  db.selectFrom('central_source').selectAll().where('code', '=', code).executeTakeFirst();

export const sourceByTokenHash = (db: DbOrTx, hash: string) =>
  db.selectFrom('central_source').selectAll().where('token_hash', '=', hash).executeTakeFirst();

export const listSources = (db: DbOrTx) =>
  db.selectFrom('central_source').selectAll().orderBy('code').execute();

export const revokeSource = (db: DbOrTx, id: string, at: Date) =>
  db
    .updateTable('central_source')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const insertSubmission = (db: DbOrTx, row: Insertable<CentralSubmissionTable>) =>
  db.insertInto('central_submission').values(row).returningAll().executeTakeFirstOrThrow();

export const insertChunk = (db: DbOrTx, submissionId: string, seq: number, data: Buffer) =>
  db.insertInto('central_submission_chunk').values({ submission_id: submissionId, seq, data }).execute();

export async function submissionContent(db: DbOrTx, submissionId: string): Promise<Buffer> {
  const rows = await db
    .selectFrom('central_submission_chunk')
    .select('data')
    .where('submission_id', '=', submissionId)
    .orderBy('seq')
    .execute();
  return Buffer.concat(rows.map((r) => r.data));
}

export const completeSubmission = (
  db: DbOrTx,
  id: string,
  set: {
    sha256: string;
    bytes: number;
    record_type: string | null;
    accepted: number;
    rejected: number;
    duplicates: number;
    errors: SubmissionError[];
    completed_at: Date;
  },
) =>
  db
    .updateTable('central_submission')
    .set({
      ...set,
      bytes: String(set.bytes),
      errors: JSON.stringify(set.errors) as never,
      status: 'complete',
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const submissionById = (db: DbOrTx, id: string) =>
  db.selectFrom('central_submission').selectAll().where('id', '=', id).executeTakeFirst();

export const listSubmissions = (db: DbOrTx, sourceId?: string) => {
  let q = db
    .selectFrom('central_submission')
    .innerJoin('central_source', 'central_source.id', 'central_submission.source_id')
    .select([
      'central_submission.id',
      'central_source.code as source',
      'central_submission.status',
      'central_submission.sha256',
      'central_submission.bytes',
      'central_submission.file_name',
      'central_submission.accepted',
      'central_submission.rejected',
      'central_submission.duplicates',
      'central_submission.refusal',
      'central_submission.received_at',
    ])
    .orderBy('central_submission.received_at', 'desc');
  if (sourceId) q = q.where('central_submission.source_id', '=', sourceId);
  return q.execute();
};

/** The current (not superseded or deleted) record of each Patient ID Number from one source. */
export const currentRecordsOf = (db: DbOrTx, sourceId: string, numbers: string[]) =>
  numbers.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('central_record')
        .select(['id', 'patient_id_number', 'content_hash'])
        .where('source_id', '=', sourceId)
        .where('patient_id_number', 'in', numbers)
        .where('status', 'not in', ['superseded', 'deleted'])
        .execute();

export const insertRecords = (db: DbOrTx, rows: Insertable<CentralRecordTable>[]) =>
  rows.length === 0
    ? Promise.resolve([])
    : db
        .insertInto('central_record')
        .values(
          rows.map((r) => ({
            ...r,
            items: JSON.stringify(r.items) as never,
            tumours: JSON.stringify(r.tumours) as never,
          })),
        )
        .returning(['id', 'patient_id_number'])
        .execute();

export const supersedeRecords = (db: DbOrTx, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve()
    : db
        .updateTable('central_record')
        .set({ status: 'superseded' })
        .where('id', 'in', ids)
        .execute()
        .then(() => undefined);

export async function countRows(
  db: DbOrTx,
  table: 'central_source' | 'central_submission' | 'central_record',
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((e) => e.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
