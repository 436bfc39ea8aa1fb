import { createReadStream, type ReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { recordAudit } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { unauthorized } from '../../kernel/errors.ts';
import { bulkErrors } from './errors.ts';
import { findExportJob, finishExportJob, insertExportJob } from './export.queries.ts';
import { type ExportOptions, parseExportOptions, runExportToDir } from './export.service.ts';

const dirOf = (ctx: RequestContext, id: string) => path.join(ctx.config.dataDir, 'exports', id);

/**
 * Kicks off an asynchronous export (FHIR Bulk Data IG, R4 async pattern): the job runs in this process
 * and its files land in the data directory; the caller answers 202 with the status URL.
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
  const id = await insertExportJob(ctx.db, {
    level,
    types: [...types],
    since,
    request_url: requestUrl,
    requested_by: ctx.actor.username,
    requested_by_user: ctx.actor.userId,
    at: ctx.clock.now(),
  });
  const job: RequestContext = { ...ctx, channel: 'job' };
  void runExportToDir(job, dirOf(ctx, id), opts)
    .then((m) => finishExportJob(ctx.db, id, 'done', ctx.clock.now(), m.output))
    .catch(async (e: unknown) => {
      ctx.log.error({ err: e, exportId: id }, 'bulk export failed');
      await finishExportJob(ctx.db, id, 'failed', ctx.clock.now(), [], 'the export stopped; start a new one');
    });
  return id;
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
  await finishExportJob(ctx.db, job.id, 'cancelled', ctx.clock.now());
  await rm(dirOf(ctx, id), { recursive: true, force: true });
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
