import { recordAudit, requireDomainPermission } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import type { JobDefinition } from '../kernel/jobs.ts';
import { patientErrors } from './errors.ts';
import {
  activateModel,
  activeModelRef,
  deactivateAll,
  modelByVersion,
  previousActivated,
} from './match-model.queries.ts';
import { type MatcherVersion, matcherVersion, matcherVersions, trainMatcher } from './match-model.service.ts';
import { actorName } from './patients.service.ts';

/**
 * The administrator's hold on the matcher weights (issue 17): the list of stored versions, training on
 * demand and every night, activating a chosen version and rolling back to the previous one. Every change
 * is audited with who, which versions and why; a refused caller is audited by the gate.
 */

export const TRAIN_MATCHER_JOB = 'patients.train-matcher';

const requireMatcherAdmin = (ctx: RequestContext) =>
  requireDomainPermission(
    ctx,
    'patients',
    'patient:matcher',
    'Managing the matcher weights is for the administrator.',
  );

/**
 * Nightly re-estimation (issue 17: "re-estimated by a command and on a schedule"). 02:30 UTC, when the
 * registration desk is quiet. An index still too small to learn from is not a failure: the job completes
 * and says so, and the weights in use stay.
 */
export const trainMatcherJob: JobDefinition<Record<string, never>> = {
  kind: TRAIN_MATCHER_JOB,
  label: () => 'Re-estimate the matcher weights',
  retryLimit: 1,
  schedule: { cron: '30 2 * * *', tz: 'UTC' },
  run: async (job) => {
    try {
      const v = await trainMatcher(job.ctx);
      await job.progress(
        1,
        1,
        v.active ? `version ${v.version} active` : `version ${v.version} stored, not activated`,
      );
    } catch (e) {
      if ((e as { code?: string }).code !== 'MATCHER_TOO_FEW_RECORDS') throw e;
      await job.progress(0, 0, 'skipped: too few records to learn from');
    }
  },
};

export async function listMatcherVersions(ctx: RequestContext, page: number, pageSize: number) {
  await requireMatcherAdmin(ctx);
  const { items, total } = await matcherVersions(ctx.db, { limit: pageSize, offset: (page - 1) * pageSize });
  const active = await activeModelRef(ctx.db);
  return { items, total, page, pageSize, activeVersion: active?.version ?? null };
}

export async function getMatcherVersion(ctx: RequestContext, version: number): Promise<MatcherVersion> {
  await requireMatcherAdmin(ctx);
  return matcherVersion(ctx.db, version);
}

/** Queues a training run now (the same job the schedule runs). */
export async function requestMatcherTraining(ctx: RequestContext): Promise<{ jobId: string }> {
  await requireMatcherAdmin(ctx);
  return withTransaction(ctx.db, async (trx) => {
    const jobId = await ctx.jobs.enqueue(ctx, TRAIN_MATCHER_JOB, {}, { trx });
    await recordAudit(trx, ctx, {
      action: 'patient.matcher.train_request',
      resourceType: 'PatientMatchModel',
      details: { jobId },
    });
    return { jobId };
  });
}

/**
 * Makes a stored version the active one. A version that missed an aim on the labelled set is refused unless
 * the caller accepts that explicitly: "certain" must keep meaning certain (issue 17).
 */
export async function activateMatcherVersion(
  ctx: RequestContext,
  version: number,
  input: { reason: string; acceptMissedAims?: boolean },
): Promise<MatcherVersion> {
  await requireMatcherAdmin(ctx);
  return withTransaction(ctx.db, async (trx) => {
    const row = await modelByVersion(trx, version);
    if (!row) throw patientErrors.matcherVersionNotFound();
    if (row.active) throw patientErrors.matcherAlreadyActive();
    const missed = (row.evaluation as { missed?: string[] }).missed ?? [];
    if (missed.length > 0 && !input.acceptMissedAims) throw patientErrors.matcherMissesAims(missed);
    const before = await activeModelRef(trx);
    await activateModel(trx, row.id, ctx.clock.now(), actorName(ctx));
    await recordAudit(trx, ctx, {
      action: 'patient.matcher.activate',
      resourceType: 'PatientMatchModel',
      resourceId: row.id,
      details: { version, previousVersion: before?.version ?? null, reason: input.reason, missed },
    });
    return matcherVersion(trx, version);
  });
}

/**
 * Goes back one step: to the newest earlier version that was ever active, or to the starting weights when
 * there is none.
 * @returns the version now active (null: the starting weights)
 */
export async function rollbackMatcher(
  ctx: RequestContext,
  input: { reason: string },
): Promise<{ activeVersion: number | null; previousVersion: number }> {
  await requireMatcherAdmin(ctx);
  return withTransaction(ctx.db, async (trx) => {
    const current = await activeModelRef(trx);
    if (!current) throw patientErrors.matcherNothingToRollBack();
    const target = await previousActivated(trx, current.version);
    if (target) await activateModel(trx, target.id, ctx.clock.now(), actorName(ctx));
    else await deactivateAll(trx);
    await recordAudit(trx, ctx, {
      action: 'patient.matcher.rollback',
      resourceType: 'PatientMatchModel',
      resourceId: target?.id ?? current.id,
      details: { from: current.version, to: target?.version ?? null, reason: input.reason },
    });
    return { activeVersion: target?.version ?? null, previousVersion: current.version };
  });
}
