import { recordAudit, requireDomainPermission } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import type { JobDefinition } from '../kernel/jobs.ts';
import { lastScan, saveAccountViolations, saveThresholds } from './privacy.queries.ts';
import { DEFAULT_THRESHOLDS, type Thresholds } from './rules.ts';
import { daysSince, type ScanResult, scanDay } from './scan.service.ts';
import { currentPolicy, currentThresholds, DEFAULT_POLICY, type PrivacyPolicy } from './thresholds.ts';

export const SCAN_JOB = 'privacy.scan';
const DAY_MS = 86_400_000;

/** Checks `privacy:monitor` (API users; the CLI and jobs are trusted), auditing a refusal. */
export const requireMonitor = (ctx: RequestContext) =>
  requireDomainPermission(
    ctx,
    'privacy',
    'privacy:monitor',
    'Privacy monitoring is for the privacy officer.',
  );

/**
 * The days a scan covers: from `since` through today; without it, today and (until a scan of it has run
 * after it ended) yesterday, so the events of a day's last minutes are not missed.
 */
async function daysToScan(ctx: RequestContext, since?: string): Promise<string[]> {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  if (since) return daysSince(since, today);
  const yesterday = new Date(ctx.clock.now().getTime() - DAY_MS).toISOString().slice(0, 10);
  const last = await lastScan(ctx.db);
  const yesterdayDone =
    last && last.day >= yesterday && last.finished_at >= new Date(`${today}T00:00:00.000Z`);
  return yesterdayDone ? [today] : [yesterday, today];
}

export async function runScan(ctx: RequestContext, since?: string, onDay?: (r: ScanResult) => Promise<void>) {
  const results: ScanResult[] = [];
  for (const day of await daysToScan(ctx, since)) {
    const r = await scanDay(ctx, day);
    results.push(r);
    await onDay?.(r);
  }
  return results;
}

/** Every five minutes, and on demand (`POST /api/privacy/scans`, `chartkeeper privacy scan`). */
export const scanJob: JobDefinition<{ since?: string }> = {
  kind: SCAN_JOB,
  label: (d) => (d?.since ? `Privacy scan since ${d.since}` : 'Privacy scan (today)'),
  retryLimit: 2,
  schedule: { cron: '*/5 * * * *' },
  run: async (job) => {
    let done = 0;
    await runScan(job.ctx, job.data?.since, async () => {
      done += 1;
      await job.progress(done);
    });
  },
};

export async function requestScan(ctx: RequestContext, since?: string): Promise<{ jobId: string }> {
  await requireMonitor(ctx);
  if (since) daysSince(since, ctx.clock.now().toISOString().slice(0, 10));
  return withTransaction(ctx.db, async (trx) => {
    const jobId = await ctx.jobs.enqueue(ctx, SCAN_JOB, since ? { since } : {}, { trx });
    await recordAudit(trx, ctx, {
      action: 'privacy.scan.request',
      resourceType: 'PrivacyScan',
      details: { since },
    });
    return { jobId };
  });
}

export async function thresholds(ctx: RequestContext) {
  await requireMonitor(ctx);
  return { ...(await currentThresholds(ctx.db)), defaults: DEFAULT_THRESHOLDS };
}

export async function updateThresholds(ctx: RequestContext, t: Thresholds) {
  await requireMonitor(ctx);
  await withTransaction(ctx.db, async (trx) => {
    await saveThresholds(trx, t);
    await recordAudit(trx, ctx, {
      action: 'privacy.thresholds.update',
      resourceType: 'Setting',
      details: { ...t },
    });
  });
  return thresholds(ctx);
}

/** The privacy policy (`privacy.accountViolations`) with its default. */
export async function policy(ctx: RequestContext) {
  await requireMonitor(ctx);
  return { ...(await currentPolicy(ctx.db)), defaults: DEFAULT_POLICY };
}

export async function updatePolicy(ctx: RequestContext, p: PrivacyPolicy) {
  await requireMonitor(ctx);
  await withTransaction(ctx.db, async (trx) => {
    await saveAccountViolations(trx, p.accountViolations);
    await recordAudit(trx, ctx, {
      action: 'privacy.policy.update',
      resourceType: 'Setting',
      details: { ...p },
    });
  });
  return policy(ctx);
}
