import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { AppError, type FieldIssue, notFound, validationFailed } from '../kernel/errors.ts';
import { IMPORT_KINDS, importCodeFile } from './import.service.ts';
import {
  failInterruptedJobs,
  findImportJob,
  insertImportJob,
  recentImportJobs,
  updateImportJob,
} from './import-job.queries.ts';
import { decodeCodeFile } from './loaders/read-file.ts';

type JobRow = NonNullable<Awaited<ReturnType<typeof findImportJob>>>;

export const jobToApi = (r: JobRow) => ({
  id: r.id,
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

/**
 * Starts a code-set import from an uploaded file (plain or gzip) and answers at once with the job; the
 * load itself (one transaction, all or nothing: docs/coding.md) runs in the background and reports its
 * progress on the job row, which the administration page polls.
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
  const { text, checksum } = decodeCodeFile(input.file.bytes);
  const job = await insertImportJob(ctx.db, {
    kind,
    version: version ?? null,
    source_name: input.file.name,
    status: 'running',
    phase: 'reading',
    summary: null,
    error: null,
    created_by: ctx.actor?.userId ?? null,
    created_at: ctx.clock.now(),
    finished_at: null,
  });
  await recordAudit(ctx.db, ctx, {
    action: 'codeset.import.start',
    resourceType: 'coding_import_job',
    resourceId: job.id,
    details: { kind, source: input.file.name },
  });
  void runJob(ctx, job.id, { kind, version, text, checksum, sourceName: input.file.name });
  return jobToApi(job);
}

async function runJob(
  ctx: RequestContext,
  id: string,
  input: { kind: string; version: string | undefined; text: string; checksum: string; sourceName: string },
): Promise<void> {
  // Progress writes are chained so they land in order, and never fail the import itself.
  let chain: Promise<void> = Promise.resolve();
  const onProgress = (done: number, total: number) => {
    chain = chain
      .then(() => updateImportJob(ctx.db, id, { phase: 'writing', done, total }))
      .catch(() => undefined);
  };
  try {
    const summary = await importCodeFile(ctx, { ...input, onProgress });
    await chain;
    await updateImportJob(ctx.db, id, {
      status: 'done',
      phase: 'done',
      version: summary.version,
      done: summary.records,
      total: summary.records,
      summary: JSON.stringify(summary),
      finished_at: ctx.clock.now(),
    });
  } catch (e) {
    await chain;
    const error =
      e instanceof AppError
        ? { code: e.code, message: e.message, details: e.details }
        : { code: 'IMPORT_FAILED', message: `The import failed unexpectedly (request ${ctx.requestId}).` };
    if (!(e instanceof AppError)) ctx.log.error({ err: e, jobId: id }, 'code-set import failed');
    await updateImportJob(ctx.db, id, {
      status: 'failed',
      phase: 'done',
      error: JSON.stringify(error),
      finished_at: ctx.clock.now(),
    }).catch(() => undefined);
  }
}

export async function getImportJob(ctx: RequestContext, id: string) {
  const row = await findImportJob(ctx.db, id);
  if (!row) throw notFound('The import job');
  return jobToApi(row);
}

export async function listImportJobs(ctx: RequestContext) {
  return { items: (await recentImportJobs(ctx.db, 20)).map(jobToApi) };
}

/** At start-up: imports a stopped server left running are marked failed, to be started again. */
export async function failInterruptedImports(ctx: RequestContext): Promise<number> {
  const error = JSON.stringify({
    code: 'IMPORT_INTERRUPTED',
    message: 'The server stopped during this import; nothing was loaded. Upload the file again.',
  });
  return failInterruptedJobs(ctx.db, ctx.clock.now(), error);
}
