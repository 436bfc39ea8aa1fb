import { createReadStream, type ReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { recordAudit } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { unauthorized } from '../../kernel/errors.ts';
import { cancelledExport, EXPORT_JOB } from './bulk-jobs.ts';
import { bulkErrors } from './errors.ts';
import { findExportJob, insertExportJob, setExportJobId } from './export.queries.ts';
import { type ExportOptions, parseExportOptions } from './export.service.ts';
import { exportDirOf as dirOf } from './export-dir.ts';

/**
 * Kicks off an asynchronous export (FHIR Bulk Data IG, R4 async pattern): the export and its job on the
 * job queue are created in one transaction; the files land in the data directory; the caller answers 202
 * with the status URL.
 */
export async function startExport(
  ctx: RequestContext,
  level: 'system' | 'patient',
  opts: ExportOptions & { outputFormat?: string | undefined },
  requestUrl: string,
): Promise<string> {
  if (!ctx.actor) throw unauthorized();
  if (
    opts.outputFormat &&
    !['application/fhir+ndjson', 'application/ndjson', 'ndjson'].includes(opts.outputFormat)
  )
    throw bulkErrors.badFormat();
  const { types, since } = parseExportOptions(opts);
  const actor = ctx.actor;
  return withTransaction(ctx.db, async (trx) => {
    const id = await insertExportJob(trx, {
      level,
      types: [...types],
      since,
      request_url: requestUrl,
      requested_by: actor.username,
      requested_by_user: actor.userId,
      at: ctx.clock.now(),
    });
    const jobId = await ctx.jobs.enqueue(ctx, EXPORT_JOB, { exportId: id }, { trx });
    await setExportJobId(trx, id, jobId);
    return id;
  });
}

/** Only the requester sees an export's status and files; anyone else gets 404 (nothing to learn). */
async function ownJob(ctx: RequestContext, id: string) {
  const job = /^[0-9a-f-]{36}$/.test(id) ? await findExportJob(ctx.db, id) : undefined;
  if (!job || job.requested_by_user !== ctx.actor?.userId) throw bulkErrors.exportNotFound();
  return job;
}

export type ExportStatus =
  | { state: 'running' }
  | { state: 'failed'; message: string }
  | {
      state: 'done';
      manifest: {
        transactionTime: string;
        request: string;
        requiresAccessToken: true;
        output: { type: string; url: string; count: number }[];
        error: [];
      };
    };

export async function exportStatus(ctx: RequestContext, id: string, baseUrl: string): Promise<ExportStatus> {
  const job = await ownJob(ctx, id);
  if (job.status === 'running') return { state: 'running' };
  if (job.status !== 'done') return { state: 'failed', message: job.error ?? `the export was ${job.status}` };
  return {
    state: 'done',
    manifest: {
      transactionTime: job.transaction_time.toISOString(),
      request: job.request_url,
      requiresAccessToken: true,
      output: job.output.map((o) => ({
        type: o.type,
        url: `${baseUrl}/fhir/$export-file/${id}/${o.file}`,
        count: o.count,
      })),
      error: [],
    },
  };
}

/** Cancels (or, once done, deletes the files of) an export: DELETE on the status URL. */
export async function cancelExport(ctx: RequestContext, id: string): Promise<void> {
  const job = await ownJob(ctx, id);
  const queued = job.status === 'running' && job.job_id ? await ctx.jobs.get(ctx.db, job.job_id) : null;
  // A running export is cancelled on the queue (its onCancel closes it and deletes the files); a finished
  // one only loses its files.
  if (queued && ['queued', 'running', 'retrying'].includes(queued.status))
    await ctx.jobs.cancel(ctx, queued.id);
  else await cancelledExport(ctx, job.id);
  await recordAudit(ctx.db, ctx, {
    action: 'interop.export.cancel',
    resourceType: 'ExportJob',
    resourceId: id,
  });
}

/** Opens one output file for download; the download is audited (the pages were audited at export). */
export async function exportFile(ctx: RequestContext, id: string, file: string): Promise<ReadStream> {
  const job = await ownJob(ctx, id);
  if (job.status !== 'done') throw bulkErrors.notReady();
  const out = job.output.find((o) => o.file === file);
  if (!out) throw bulkErrors.exportNotFound();
  await recordAudit(ctx.db, ctx, {
    action: 'interop.export.download',
    resourceType: out.type,
    resourceId: id,
    details: { count: out.count },
  });
  return createReadStream(path.join(dirOf(ctx, id), out.file));
}
