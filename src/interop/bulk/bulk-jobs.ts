import { rm } from 'node:fs/promises';
import type { RequestContext } from '../../kernel/context.ts';
import { type JobDefinition, transientError } from '../../kernel/jobs.ts';
import { findExportJob, finishExportJob } from './export.queries.ts';
import { runExportToDir } from './export.service.ts';
import { exportDirOf } from './export-dir.ts';
import { finishJob } from './import.queries.ts';
import { IMPORT_JOB, runImportJob } from './import.service.ts';

export const EXPORT_JOB = 'interop.fhir-export';

/**
 * A FHIR bulk import on the job queue (docs/adr/0004-job-queue-pg-boss.md). Each unit commits its writes
 * with the cursor, so a retry or a restart after a crash resumes where the last attempt stopped. Only
 * transient errors are retried: a missing file or a bad job is not going to get better.
 */
export const importJob: JobDefinition<{ importId: string }> = {
  kind: IMPORT_JOB,
  label: () => 'FHIR bulk import',
  retryLimit: 3,
  retryable: transientError,
  run: async (job) => {
    await runImportJob(
      job.ctx,
      job.data.importId,
      (p) => job.progress(p.processed, p.total, `${p.processed} of ${p.total} resources`),
      { failOnError: false },
    );
  },
  onFailed: async (ctx, data, error) => {
    // The message names the error only; resource content never reaches it (no PHI in job errors).
    await finishJob(ctx.db, data.importId, 'failed', ctx.clock.now(), `stopped: ${error.slice(0, 200)}`);
  },
  onCancel: async (ctx, data) => {
    await finishJob(ctx.db, data.importId, 'cancelled', ctx.clock.now(), 'cancelled');
  },
};

/** A FHIR bulk export on the job queue: an attempt writes the files afresh, so a retry starts over. */
export const exportJob: JobDefinition<{ exportId: string }> = {
  kind: EXPORT_JOB,
  label: () => 'FHIR bulk export ($export)',
  retryLimit: 2,
  retryable: transientError,
  run: async (job) => {
    const row = await findExportJob(job.ctx.db, job.data.exportId);
    if (!row || row.status !== 'running') return; // cancelled before it started
    const dir = exportDirOf(job.ctx, row.id);
    await rm(dir, { recursive: true, force: true });
    const manifest = await runExportToDir(
      job.ctx,
      dir,
      { types: row.types, since: row.since?.toISOString() },
      (patients) => job.progress(patients, null, `${patients} patients`),
    );
    await finishExportJob(job.ctx.db, row.id, 'done', job.ctx.clock.now(), manifest.output);
  },
  onFailed: async (ctx, data) => {
    await finishExportJob(
      ctx.db,
      data.exportId,
      'failed',
      ctx.clock.now(),
      [],
      'the export stopped; start a new one',
    );
  },
  onCancel: async (ctx, data) => cancelledExport(ctx, data.exportId),
};

/** Closes a cancelled export and deletes whatever files it had written. */
export async function cancelledExport(ctx: RequestContext, exportId: string): Promise<void> {
  await finishExportJob(ctx.db, exportId, 'cancelled', ctx.clock.now());
  await rm(exportDirOf(ctx, exportId), { recursive: true, force: true });
}
