import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { JobCancelled, type JobDefinition } from '../kernel/jobs.ts';
import { patientErrors } from './errors.ts';
import { scoredCandidates } from './match.service.ts';
import { activeMatchModel } from './match-model.service.ts';
import { insertPairs } from './merge.queries.ts';
import { rowToMatchRecord } from './patient-mapper.ts';
import { actorName } from './patients.service.ts';
import { matchExtras } from './search.queries.ts';
import {
  activeCount,
  finishSweep,
  insertSweep,
  latestSweep,
  reopenSweep,
  runningSweep,
  setSweepJob,
  sweepBatch,
  sweepById,
  sweepProgress,
} from './sweep.queries.ts';

const BATCH = 500;

export interface SweepStatus {
  id: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  startedBy: string;
  processed: number;
  total: number;
  pairsFound: number;
}

const toStatus = (s: NonNullable<Awaited<ReturnType<typeof latestSweep>>>): SweepStatus => ({
  id: s.id,
  status: s.status,
  startedAt: s.started_at.toISOString(),
  finishedAt: s.finished_at?.toISOString() ?? null,
  startedBy: s.started_by,
  processed: s.processed,
  total: s.total,
  pairsFound: s.pairs_found,
});

/** One batch: each record is compared with its blocked candidates; probable and certain pairs are queued. */
async function sweepOneBatch(
  ctx: RequestContext,
  sweepId: string,
  cursor: string | null,
): Promise<string | null> {
  return withTransaction(ctx.db, async (trx) => {
    const batch = await sweepBatch(trx, cursor, BATCH);
    if (batch.length === 0) return null;
    const others = await matchExtras(
      trx,
      batch.map((b) => b.id),
    );
    const now = ctx.clock.now();
    const { model } = await activeMatchModel(trx);
    const pairs = [];
    for (const p of batch) {
      const found = await scoredCandidates(ctx, trx, rowToMatchRecord(p, others.get(p.id)), p.id, model);
      for (const c of found) {
        // Each pair is found from both sides; keep it once, from its lower id.
        if (c.row.id < p.id || (c.result.band !== 'certain' && c.result.band !== 'probable')) continue;
        pairs.push({
          patient_a: p.id,
          patient_b: c.row.id,
          score: c.result.score,
          band: c.result.band,
          fields: JSON.stringify(c.result.fields),
          cautions: JSON.stringify(c.result.cautions),
          found_at: now,
        });
      }
    }
    const added = await insertPairs(trx, pairs);
    const last = batch.at(-1)!.id;
    await sweepProgress(trx, sweepId, last, batch.length, added);
    return last;
  });
}

/**
 * Runs (or resumes) a sweep to the end from its cursor. Progress is committed per batch with the
 * cursor, so an attempt cut short (a crash, a retry) continues where the last one stopped.
 */
export async function runSweep(
  ctx: RequestContext,
  sweepId: string,
  onBatch: (processed: number, total: number) => Promise<void> = async () => undefined,
): Promise<SweepStatus> {
  const row = await sweepById(ctx.db, sweepId);
  if (row.status !== 'running') await reopenSweep(ctx.db, sweepId);
  let at = row.cursor;
  for (;;) {
    const next = await sweepOneBatch(ctx, sweepId, at);
    if (!next) break;
    at = next;
    const s = await sweepById(ctx.db, sweepId);
    await onBatch(s.processed, s.total);
  }
  await finishSweep(ctx.db, sweepId, 'done', ctx.clock.now());
  const s = await sweepById(ctx.db, sweepId);
  await recordAudit(ctx.db, ctx, {
    action: 'patient.sweep.finish',
    resourceType: 'PatientSweep',
    resourceId: sweepId,
    details: { pairsFound: s.pairs_found },
  });
  return toStatus(s);
}

export const SWEEP_JOB = 'patients.duplicate-sweep';

/** The duplicate sweep on the job queue: retried from its cursor; marked failed when no retry follows. */
export const sweepJob: JobDefinition<{ sweepId: string }> = {
  kind: SWEEP_JOB,
  label: () => 'Duplicate sweep over the patient index',
  retryLimit: 3,
  run: async (job) => {
    try {
      await runSweep(job.ctx, job.data.sweepId, (processed, total) => job.progress(processed, total));
    } catch (e) {
      if (job.lastAttempt || e instanceof JobCancelled) {
        await finishSweep(job.ctx.db, job.data.sweepId, 'failed', job.ctx.clock.now());
      }
      throw e;
    }
  },
  // A sweep cancelled while still queued never reaches `run`: close it here, or it would stay "running"
  // and refuse every new sweep. Retrying the job from the jobs screen reopens it from its cursor.
  onCancel: async (ctx, data) => {
    const s = await sweepById(ctx.db, data.sweepId);
    if (s.status === 'running') await finishSweep(ctx.db, data.sweepId, 'failed', ctx.clock.now());
  },
};

/**
 * Starts a sweep (or, with `resume`, picks up the one already running) as a job on the queue.
 * The sweep record and its job are created in one transaction.
 * @returns the sweep and the id of the job running it
 */
export async function startSweep(
  ctx: RequestContext,
  opts: { resume?: boolean } = {},
): Promise<{ sweep: SweepStatus; jobId: string }> {
  const running = await runningSweep(ctx.db);
  if (running) {
    if (!opts.resume) throw patientErrors.sweepRunning();
    const job = running.job_id ? await ctx.jobs.get(ctx.db, running.job_id) : null;
    if (job && !['completed', 'failed', 'cancelled'].includes(job.status)) {
      return { sweep: toStatus(running), jobId: job.id };
    }
    // An interrupted sweep with no live job (e.g. cancelled): a new job resumes it from its cursor.
    const jobId = await withTransaction(ctx.db, async (trx) => {
      const id = await ctx.jobs.enqueue(ctx, SWEEP_JOB, { sweepId: running.id }, { trx });
      await setSweepJob(trx, running.id, id);
      return id;
    });
    return { sweep: toStatus(running), jobId };
  }
  const { sweepId, jobId } = await withTransaction(ctx.db, async (trx) => {
    const sweepId = await insertSweep(trx, ctx.clock.now(), actorName(ctx), await activeCount(trx));
    await recordAudit(trx, ctx, {
      action: 'patient.sweep.start',
      resourceType: 'PatientSweep',
      resourceId: sweepId,
    });
    const jobId = await ctx.jobs.enqueue(ctx, SWEEP_JOB, { sweepId }, { trx });
    await setSweepJob(trx, sweepId, jobId);
    return { sweepId, jobId };
  });
  return { sweep: toStatus(await sweepById(ctx.db, sweepId)), jobId };
}

export async function sweepStatus(ctx: RequestContext): Promise<SweepStatus | null> {
  const s = await latestSweep(ctx.db);
  return s ? toStatus(s) : null;
}
