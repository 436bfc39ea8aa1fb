import { recordAudit } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { INBOUND_TYPES, R4_RESOURCE_TYPES } from '../fhir/inbound/index.ts';
import type { TypeCounts } from './bulk.tables.ts';
import { bulkErrors } from './errors.ts';
import {
  advanceJob,
  findJob,
  findUnfinishedJob,
  finishJob,
  insertJob,
  insertRejects,
  reopenJob,
  setImportJobId,
  upsertLinks,
} from './import.queries.ts';
import { classify, loadLinks, refuseRestricted, UnitState } from './import-unit.ts';
import { writeUnit } from './import-writes.ts';
import { countEntries, type InputFile, readUnits, type Unit } from './read-input.ts';

/** Resources per transaction for NDJSON and batch/collection Bundles (a transaction Bundle is one). */
export const CHUNK = 1000;
export const DEFAULT_SOURCE = 'fhir';

export interface ImportProgress {
  processed: number;
  total: number;
  counts: TypeCounts;
}

/** Thrown inside a transaction Bundle's transaction to roll it back when any entry failed. */
class AtomicFailure extends Error {}

const operator = (ctx: RequestContext) => ctx.actor?.username ?? ctx.operator ?? 'system';

/** Creates a job over the files (counting their entries for progress) and returns its id. */
export async function createImportJob(
  ctx: RequestContext,
  files: InputFile[],
  source = DEFAULT_SOURCE,
): Promise<string> {
  if (files.length === 0) throw bulkErrors.noFiles();
  let total = 0;
  for (const f of files) total += await countEntries(f);
  return insertJob(ctx.db, {
    source,
    channel: ctx.channel,
    files,
    total,
    started_by: operator(ctx),
    at: ctx.clock.now(),
  });
}

export const IMPORT_JOB = 'interop.fhir-import';

/**
 * Creates an import over the files and queues the job that runs it (src/interop/bulk/bulk-jobs.ts), in one
 * transaction: the import exists only with its job.
 */
export async function queueImportJob(
  ctx: RequestContext,
  files: InputFile[],
  source = DEFAULT_SOURCE,
): Promise<{ importId: string; jobId: string }> {
  if (files.length === 0) throw bulkErrors.noFiles();
  let total = 0;
  for (const f of files) total += await countEntries(f);
  return withTransaction(ctx.db, async (trx) => {
    const importId = await insertJob(trx, {
      source,
      channel: ctx.channel,
      files,
      total,
      started_by: operator(ctx),
      at: ctx.clock.now(),
    });
    const jobId = await ctx.jobs.enqueue(ctx, IMPORT_JOB, { importId }, { trx });
    await setImportJobId(trx, importId, jobId);
    return { importId, jobId };
  });
}

function merge(into: TypeCounts, add: TypeCounts): void {
  for (const [type, c] of Object.entries(add)) {
    const t = into[type] ?? {};
    for (const [k, n] of Object.entries(c)) t[k as keyof typeof c] = (t[k as keyof typeof c] ?? 0) + (n ?? 0);
    into[type] = t;
  }
}

/**
 * Runs (or resumes) an import job from its committed cursor. Each unit commits its writes, source links,
 * rejected resources, counts and cursor together, so an interruption loses nothing and repeats nothing.
 * @param onProgress - called after each committed unit (the CLI's progress bar, the queue job's progress,
 *   which throws once the job is cancelled)
 * @param opts.failOnError - false when the job queue owns the outcome: a failed attempt leaves the job
 *   running for the retry, and the queue's `onFailed` closes it when no retry follows
 */
export async function runImportJob(
  ctx: RequestContext,
  jobId: string,
  onProgress?: (p: ImportProgress) => void | Promise<void>,
  opts: { failOnError?: boolean } = {},
): Promise<ImportProgress> {
  const job = await findJob(ctx.db, jobId);
  if (!job) throw bulkErrors.jobNotFound();
  if (job.status === 'failed' || job.status === 'cancelled') await reopenJob(ctx.db, job.id, ctx.clock.now());
  const progress: ImportProgress = { processed: job.processed, total: job.total, counts: job.counts };
  try {
    for (let fi = job.cursor_file; fi < job.files.length; fi++) {
      const file = job.files[fi]!;
      for await (const unit of readUnits(file, fi === job.cursor_file ? job.cursor_entry : 0, CHUNK)) {
        await applyUnit(ctx, { id: job.id, source: job.source, fileIndex: fi, file }, unit, progress);
        await onProgress?.(progress);
      }
      await advanceJob(ctx.db, job.id, {
        cursorFile: fi + 1,
        cursorEntry: 0,
        counts: progress.counts,
        processed: progress.processed,
        at: ctx.clock.now(),
      });
    }
    await finishJob(ctx.db, job.id, 'done', ctx.clock.now());
  } catch (e) {
    if (opts.failOnError === false) throw e;
    // The cursor stays at the last committed unit: the job can be resumed (CLI: run the same command).
    await finishJob(
      ctx.db,
      job.id,
      'failed',
      ctx.clock.now(),
      'stopped by an internal error; run the import again to resume',
    );
    throw e;
  }
  return progress;
}

interface JobRef {
  id: string;
  source: string;
  fileIndex: number;
  file: InputFile;
}

async function applyUnit(
  ctx: RequestContext,
  job: JobRef,
  unit: Unit,
  progress: ImportProgress,
): Promise<void> {
  const state = new UnitState(job.file.name, unit);
  if (unit.fileIssue)
    state.rejects.push({
      file: job.file.name,
      location: 'file',
      resource_type: null,
      resource_id: null,
      issues: [unit.fileIssue],
    });
  try {
    await withTransaction(ctx.db, async (trx) => {
      let pending = classify(ctx, state);
      if (unit.atomic && state.rejects.length) throw new AtomicFailure();
      await loadLinks(trx, job.source, state, pending);
      pending = await refuseRestricted(ctx, trx, state, pending);
      await writeUnit(ctx, trx, state, pending);
      if (unit.atomic && state.rejects.length) throw new AtomicFailure();
      await upsertLinks(trx, job.source, state.links, ctx.clock.now());
      await commitUnit(ctx, trx, job, unit, state, progress);
    });
  } catch (e) {
    if (!(e instanceof AtomicFailure)) throw e;
    await withTransaction(ctx.db, (trx) =>
      commitUnit(ctx, trx, job, unit, failedTransaction(job.file.name, unit, state), progress),
    );
  }
}

async function commitUnit(
  ctx: RequestContext,
  trx: Parameters<Parameters<typeof withTransaction>[1]>[0],
  job: JobRef,
  unit: Unit,
  state: UnitState,
  progress: ImportProgress,
): Promise<void> {
  await insertRejects(trx, job.id, state.rejects);
  const counts = structuredClone(progress.counts);
  merge(counts, state.counts);
  const processed = progress.processed + unit.entries.length;
  await advanceJob(trx, job.id, {
    cursorFile: job.fileIndex,
    cursorEntry: unit.end,
    counts,
    processed,
    at: ctx.clock.now(),
  });
  const sum = (k: 'created' | 'updated' | 'rejected') =>
    Object.values(state.counts).reduce((n, c) => n + (c[k] ?? 0), 0);
  await recordAudit(trx, ctx, {
    action: 'interop.import',
    outcome: state.links.length === 0 && state.rejects.length > 0 ? 'failure' : 'success',
    patientIds: [...state.patientIds],
    resourceType: 'ImportJob',
    resourceId: job.id,
    details: { created: sum('created'), updated: sum('updated'), rejected: sum('rejected') },
  });
  progress.counts = counts;
  progress.processed = processed;
}

/**
 * A transaction Bundle with any bad entry applies nothing (FHIR R4 http.html#transaction): every entry
 * of a kept type counts as rejected, the bad ones with their own reasons and the Bundle with the rule.
 */
function failedTransaction(file: string, unit: Unit, failed: UnitState): UnitState {
  const out = new UnitState(file, unit);
  out.rejects.push(...failed.rejects, {
    file,
    location: 'Bundle',
    resource_type: 'Bundle',
    resource_id: null,
    issues: [
      {
        expression: 'Bundle',
        code: 'business-rule',
        message: `transaction not applied: ${failed.rejects.length} of ${unit.entries.length} entries had errors (all-or-nothing)`,
      },
    ],
  });
  for (const e of unit.entries) {
    const t = (e.resource as { resourceType?: unknown } | undefined)?.resourceType;
    const type = typeof t === 'string' ? t : 'unknown';
    out.bump(type, !INBOUND_TYPES.includes(type) && R4_RESOURCE_TYPES.has(type) ? 'skipped' : 'rejected');
  }
  return out;
}

/** An interrupted job over exactly these files, to resume instead of starting again. */
export async function unfinishedJob(ctx: RequestContext, files: InputFile[], source = DEFAULT_SOURCE) {
  const job = await findUnfinishedJob(ctx.db, source, files);
  return job
    ? { id: job.id, cursorFile: job.cursor_file, cursorEntry: job.cursor_entry, processed: job.processed }
    : undefined;
}
