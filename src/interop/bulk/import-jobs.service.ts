import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RequestContext } from '../../kernel/context.ts';
import { bulkErrors } from './errors.ts';
import { findJob, listJobs, listRejects } from './import.queries.ts';
import { queueImportJob } from './import.service.ts';
import type { InputFile } from './read-input.ts';

/**
 * Import jobs started from the web app: uploaded files are saved under the data directory and imported
 * by a job on the job queue, whose progress the page polls (issue 8: "runs as a background job when
 * started from the web app, with progress shown there").
 */
export async function startUploadImport(
  ctx: RequestContext,
  parts: AsyncIterable<{ type: string; filename?: string; file?: Readable }>,
) {
  const dir = path.join(ctx.config.dataDir, 'imports', randomUUID());
  await mkdir(dir, { recursive: true });
  const files: InputFile[] = [];
  for await (const part of parts) {
    if (part.type !== 'file' || !part.file) continue;
    // Only the base name, stripped to safe characters: an upload never chooses where it is written.
    const name =
      path
        .basename(part.filename ?? 'upload')
        .replace(/[^A-Za-z0-9._-]/g, '_')
        .slice(0, 120) || 'upload';
    const target = path.join(dir, `${files.length}-${name}`);
    await pipeline(part.file, createWriteStream(target));
    files.push({ path: target, name });
  }
  const { importId } = await queueImportJob(ctx, files);
  return getImportJob(ctx, importId);
}

/** The final report of a job: counts per type and every rejected resource with its reasons. */
export async function importReport(ctx: RequestContext, jobId: string) {
  const job = await findJob(ctx.db, jobId);
  if (!job) throw bulkErrors.jobNotFound();
  const rejects = await listRejects(ctx.db, jobId, 1_000_000, 0);
  return {
    jobId: job.id,
    status: job.status,
    startedAt: job.started_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
    files: job.files.map((f) => f.name),
    processed: job.processed,
    counts: job.counts,
    rejected: rejects.rows.map((r) => ({
      file: r.file,
      location: r.location,
      resourceType: r.resource_type,
      id: r.resource_id,
      issues: r.issues,
    })),
  };
}
export type ImportReport = Awaited<ReturnType<typeof importReport>>;

type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;
const jobToApi = (j: JobRow) => ({
  id: j.id,
  status: j.status,
  files: j.files.map((f) => f.name),
  total: j.total,
  processed: j.processed,
  counts: j.counts,
  error: j.error,
  jobId: j.job_id,
  startedBy: j.started_by,
  startedAt: j.started_at.toISOString(),
  finishedAt: j.finished_at?.toISOString() ?? null,
});

export async function getImportJob(ctx: RequestContext, id: string) {
  const job = await findJob(ctx.db, id);
  if (!job) throw bulkErrors.jobNotFound();
  return jobToApi(job);
}

export async function listImportJobs(ctx: RequestContext, page: { limit: number; offset: number }) {
  const { rows, total } = await listJobs(ctx.db, page.limit, page.offset);
  return { items: rows.map(jobToApi), total };
}

export async function listImportRejects(
  ctx: RequestContext,
  id: string,
  page: { limit: number; offset: number },
) {
  await getImportJob(ctx, id);
  const { rows, total } = await listRejects(ctx.db, id, page.limit, page.offset);
  return {
    items: rows.map((r) => ({
      file: r.file,
      location: r.location,
      resourceType: r.resource_type,
      id: r.resource_id,
      issues: r.issues,
    })),
    total,
  };
}
