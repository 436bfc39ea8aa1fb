import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { AppError, type FieldIssue, notFound, validationFailed } from '../kernel/errors.ts';
import { type JobDefinition, transientError } from '../kernel/jobs.ts';
import { IMPORT_KINDS, importCodeFile } from './import.service.ts';
import { findImportJob, insertImportJob, recentImportJobs, updateImportJob } from './import-job.queries.ts';
import { decodeCodeFile } from './loaders/read-file.ts';

export const CODESET_IMPORT_JOB = 'coding.codeset-import';

type JobRow = NonNullable<Awaited<ReturnType<typeof findImportJob>>>;

export const jobToApi = (r: JobRow) => ({
  id: r.id,
  jobId: r.job_id,
  kind: r.kind,
  version: r.version,
  sourceName: r.source_name,
  status: r.status,
  phase: r.phase,
  done: r.done,
  total: r.total,
  summary: r.summary,
  error: r.error,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
});

export interface UploadInput {
  fields: Record<string, string>;
  file?: { name: string; bytes: Buffer } | undefined;
}

/** Where an upload waits for its job: the data directory, named by the import's id (never by the user). */
const uploadPath = (ctx: RequestContext, importId: string) =>
  path.join(ctx.config.dataDir, 'code-imports', `${importId}.upload`);

/**
 * Starts a code-set import from an uploaded file (plain or gzip) and answers at once with the import;
 * the load itself (one transaction, all or nothing: docs/coding.md) runs as a job on the job queue
 * (retried after a crash, cancellable from the jobs screen) and reports its progress on the import row,
 * which the administration page polls.
 */
export async function startImportJob(ctx: RequestContext, input: UploadInput) {
  const kind = input.fields.kind ?? '';
  const version = input.fields.version?.trim() || undefined;
  const issues: FieldIssue[] = [];
  if (!(IMPORT_KINDS as readonly string[]).includes(kind))
    issues.push({ field: 'kind', message: `choose one of ${IMPORT_KINDS.join(', ')}` });
  if (version && !/^[A-Za-z0-9._-]{1,40}$/.test(version))
    issues.push({
      field: 'version',
      message: 'letters, digits, dot, dash or underscore, e.g. FY2026 or 2026',
    });
  if (!input.file || input.file.bytes.length === 0)
    issues.push({ field: 'file', message: 'choose the code-set file to upload' });
  if (issues.length > 0 || !input.file) throw validationFailed(issues);
  // Decoded once here so an unreadable gzip is refused now, not later in the job.
  decodeCodeFile(input.file.bytes);
  const file = input.file;
  const row = await withTransaction(ctx.db, async (trx) => {
    const job = await insertImportJob(trx, {
      kind,
      version: version ?? null,
      source_name: file.name,
      status: 'running',
      phase: 'queued',
      summary: null,
      error: null,
      job_id: null,
      created_by: ctx.actor?.userId ?? null,
      created_at: ctx.clock.now(),
      finished_at: null,
    });
    const target = uploadPath(ctx, job.id);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.bytes);
    const jobId = await ctx.jobs.enqueue(ctx, CODESET_IMPORT_JOB, { importId: job.id }, { trx });
    await updateImportJob(trx, job.id, { job_id: jobId });
    await recordAudit(trx, ctx, {
      action: 'codeset.import.start',
      resourceType: 'coding_import_job',
      resourceId: job.id,
      details: { kind, source: file.name, jobId },
    });
    return { ...job, job_id: jobId };
  });
  return jobToApi(row);
}

const errorJson = (e: unknown, requestId: string) =>
  JSON.stringify(
    e instanceof AppError
      ? { code: e.code, message: e.message, details: e.details }
      : { code: 'IMPORT_FAILED', message: `The import failed unexpectedly (job ${requestId}).` },
  );

/**
 * A code-set import on the job queue (docs/adr/0004-job-queue-pg-boss.md). The load is one transaction,
 * so an attempt that dies leaves nothing behind and the retry starts over; a rejected file (a coded
 * error naming its lines) is not retried. The upload is kept until the import has loaded or been
 * cancelled, so an administrator can retry a failed one from the jobs screen.
 */
export const codesetImportJob: JobDefinition<{ importId: string }> = {
  kind: CODESET_IMPORT_JOB,
  label: () => 'Code-set import',
  retryLimit: 2,
  retryable: transientError,
  run: async (job) => {
    const { ctx } = job;
    const row = await findImportJob(ctx.db, job.data.importId);
    if (!row) return;
    await updateImportJob(ctx.db, row.id, {
      status: 'running',
      phase: 'reading',
      error: null,
      finished_at: null,
    });
    const { text, checksum } = decodeCodeFile(await readFile(uploadPath(ctx, row.id)));
    try {
      const summary = await importCodeFile(ctx, {
        kind: row.kind,
        version: row.version ?? undefined,
        text,
        checksum,
        sourceName: row.source_name,
        onProgress: async (done, total) => {
          await updateImportJob(ctx.db, row.id, { phase: 'writing', done, total });
          await job.progress(done, total, `${done} of ${total} codes`);
        },
      });
      await updateImportJob(ctx.db, row.id, {
        status: 'done',
        phase: 'done',
        version: summary.version,
        done: summary.records,
        total: summary.records,
        summary: JSON.stringify(summary),
        finished_at: ctx.clock.now(),
      });
      await rm(uploadPath(ctx, row.id), { force: true });
    } catch (e) {
      // A rejected file is final at once: record its coded error (naming lines, never patient data).
      if (e instanceof AppError && !transientError(e)) {
        await updateImportJob(ctx.db, row.id, {
          status: 'failed',
          phase: 'done',
          error: errorJson(e, job.id),
          finished_at: ctx.clock.now(),
        });
      }
      throw e;
    }
  },
  onFailed: async (ctx, data) => {
    const row = await findImportJob(ctx.db, data.importId);
    if (row?.status !== 'running') return;
    await updateImportJob(ctx.db, row.id, {
      status: 'failed',
      phase: 'done',
      error: errorJson(new Error('unexpected'), row.job_id ?? row.id),
      finished_at: ctx.clock.now(),
    });
  },
  onCancel: async (ctx, data) => {
    await updateImportJob(ctx.db, data.importId, {
      status: 'failed',
      phase: 'done',
      error: JSON.stringify({
        code: 'IMPORT_CANCELLED',
        message: 'The import was cancelled; nothing was loaded. Upload the file again to load it.',
      }),
      finished_at: ctx.clock.now(),
    });
    await rm(uploadPath(ctx, data.importId), { force: true });
  },
};

export async function getImportJob(ctx: RequestContext, id: string) {
  const row = await findImportJob(ctx.db, id);
  if (!row) throw notFound('The import job');
  return jobToApi(row);
}

export async function listImportJobs(ctx: RequestContext) {
  return { items: (await recentImportJobs(ctx.db, 20)).map(jobToApi) };
}
