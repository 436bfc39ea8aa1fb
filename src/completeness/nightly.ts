import type { AppDeps, RequestContext } from '../kernel/context.ts';
import type { JobDefinition } from '../kernel/jobs.ts';
import { analyseAll } from './analysis.service.ts';
import { claimNightlyRun, finishNightlyRun } from './nightly.queries.ts';

export const NIGHTLY_JOB = 'completeness.nightly';

/**
 * The cron expression (UTC) of `COMPLETION_NIGHTLY_AT` (HH:MM), or null when it is `off` (cron runs
 * `chartkeeper completion analyse` instead). Pure, for the job's schedule and its test.
 * @example nightlyCron('02:00') // '0 2 * * *'
 */
export function nightlyCron(at: string): string | null {
  if (at === 'off') return null;
  const [h, m] = at.split(':').map(Number) as [number, number];
  return `${m} ${h} * * *`;
}

/**
 * Runs the nightly analysis for `runDate` unless it was already done (by this or another server):
 * issue 5 asks for analysis on completion, on every change, and nightly, so that deficiencies that become
 * due only by the passing of time (e.g. the discharge summary N days after discharge) still open. A night
 * whose run failed may be claimed again, so the job queue's retry runs it.
 * @param opts.onBatch - progress after each batch of encounters (the job's progress; throws once cancelled)
 * @param opts.jobId - the queue job running it: its retry after a crash may take over the night it claimed
 * @returns whether this call ran it
 */
export async function runNightlyIfDue(
  ctx: RequestContext,
  runDate: string,
  opts: { onBatch?: (done: number) => Promise<void>; jobId?: string } = {},
): Promise<boolean> {
  const { onBatch, jobId } = opts;
  if (!(await claimNightlyRun(ctx.db, runDate, ctx.clock.now(), jobId ?? null))) return false;
  try {
    const counts = await analyseAll(ctx, { onBatch });
    await finishNightlyRun(ctx.db, runDate, ctx.clock.now(), { counts });
  } catch (e) {
    // Recorded for the administrator; the message names no patient (rule and SQL errors only).
    await finishNightlyRun(ctx.db, runDate, ctx.clock.now(), { error: (e as Error).message.slice(0, 500) });
    throw e;
  }
  return true;
}

/**
 * The nightly analysis on the job queue (docs/adr/0004-job-queue-pg-boss.md): pg-boss's cron schedule
 * creates one job per night whatever the number of servers, retries a failed one, and the jobs screen
 * shows it. `runDate` is today's date (UTC) unless the job was queued for a given night.
 */
export const nightlyJob: JobDefinition<{ runDate?: string }> = {
  kind: NIGHTLY_JOB,
  label: (d) => `Nightly deficiency analysis${d?.runDate ? ` for ${d.runDate}` : ''}`,
  retryLimit: 2,
  schedule: (config) => {
    const cron = nightlyCron(config.COMPLETION_NIGHTLY_AT);
    return cron ? { cron, tz: 'UTC' } : null;
  },
  run: async (job) => {
    const runDate = job.data?.runDate ?? job.ctx.clock.now().toISOString().slice(0, 10);
    await runNightlyIfDue(job.ctx, runDate, {
      onBatch: (done) => job.progress(done, null, `${done} encounters`),
      jobId: job.id,
    });
  },
};

/** For the CLI and tests: a job context acting as the nightly schedule. */
export const nightlyContext = (deps: AppDeps, requestId: string): RequestContext => ({
  ...deps,
  requestId,
  channel: 'job',
  operator: `job:${NIGHTLY_JOB}`,
});
