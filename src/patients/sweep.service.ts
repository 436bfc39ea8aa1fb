import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { patientErrors } from './errors.ts';
import { scoredCandidates } from './match.service.ts';
import { insertPairs } from './merge.queries.ts';
import { rowToMatchRecord } from './patient-mapper.ts';
import { actorName } from './patients.service.ts';
import { matchExtras } from './search.queries.ts';
import {
  activeCount,
  finishSweep,
  insertSweep,
  latestSweep,
  runningSweep,
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
    const pairs = [];
    for (const p of batch) {
      const found = await scoredCandidates(ctx, trx, rowToMatchRecord(p, others.get(p.id)), p.id);
      for (const c of found) {
        // Each pair is found from both sides; keep it once, from its lower id.
        if (c.row.id < p.id || (c.result.band !== 'certain' && c.result.band !== 'probable')) continue;
        pairs.push({
          patient_a: p.id,
          patient_b: c.row.id,
          score: c.result.score,
          band: c.result.band,
          fields: JSON.stringify(c.result.fields),
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
 * Runs (or resumes) a sweep to the end. Progress is committed per batch with its cursor, so a sweep cut
 * short by a restart continues where it stopped (`chartkeeper patients sweep` resumes a running one).
 */
export async function runSweep(
  ctx: RequestContext,
  sweepId: string,
  cursor: string | null = null,
): Promise<SweepStatus> {
  try {
    let at = cursor;
    for (;;) {
      const next = await sweepOneBatch(ctx, sweepId, at);
      if (!next) break;
      at = next;
    }
    await finishSweep(ctx.db, sweepId, 'done', ctx.clock.now());
  } catch (e) {
    await finishSweep(ctx.db, sweepId, 'failed', ctx.clock.now());
    throw e;
  }
  const s = await sweepById(ctx.db, sweepId);
  await recordAudit(ctx.db, ctx, {
    action: 'patient.sweep.finish',
    resourceType: 'PatientSweep',
    resourceId: sweepId,
    details: { pairsFound: s.pairs_found },
  });
  return toStatus(s);
}

/** Starts a new sweep record, or returns the interrupted one to resume (CLI). */
export async function beginSweep(
  ctx: RequestContext,
  resume: boolean,
): Promise<{ id: string; cursor: string | null }> {
  const running = await runningSweep(ctx.db);
  if (running) {
    if (!resume) throw patientErrors.sweepRunning();
    return { id: running.id, cursor: running.cursor };
  }
  const id = await insertSweep(ctx.db, ctx.clock.now(), actorName(ctx), await activeCount(ctx.db));
  await recordAudit(ctx.db, ctx, {
    action: 'patient.sweep.start',
    resourceType: 'PatientSweep',
    resourceId: id,
  });
  return { id, cursor: null };
}

/**
 * The API trigger: starts the sweep in this process as a background task and answers at once; the
 * queue page polls `sweepStatus`. (A job queue library is the plan for later; progress is in the table.)
 */
export async function startSweep(ctx: RequestContext): Promise<SweepStatus> {
  const { id } = await beginSweep(ctx, false);
  const jobCtx: RequestContext = { ...ctx, channel: 'job' };
  void runSweep(jobCtx, id).catch((e: unknown) =>
    ctx.log.error({ sweepId: id, error: (e as Error).name }, 'duplicate sweep failed'),
  );
  return (await sweepStatus(ctx))!;
}

export async function sweepStatus(ctx: RequestContext): Promise<SweepStatus | null> {
  const s = await latestSweep(ctx.db);
  return s ? toStatus(s) : null;
}
