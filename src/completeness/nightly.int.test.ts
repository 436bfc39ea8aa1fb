import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser } from '../../test/auth.ts';
import { chartSteps } from '../../test/completion-steps.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { appJobQueue } from '../app.ts';
import { lastNightlyRuns } from './nightly.queries.ts';
import { NIGHTLY_JOB, nightlyContext, runNightlyIfDue } from './nightly.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ env: { COMPLETION_NIGHTLY_AT: '03:15' } });
});
afterAll(() => t.close());

const schedules = async (app: TestApp) =>
  (
    await sql<{ name: string; cron: string; timezone: string }>`
      select name, cron, timezone from pgboss.schedule where name = ${NIGHTLY_JOB}`.execute(app.deps.db)
  ).rows;

describe('nightly deficiency analysis', () => {
  it('runs once per date whatever the number of servers, and records what it did', async () => {
    const steps = chartSteps(t);
    const doctor = await createTestUser(t, ['physician']);
    const patientId = (await insertTestPatient(t)).id;
    await steps.encounter(doctor, patientId, doctor.id, {});
    const ctx = nightlyContext(t.deps, 'nightly-test');

    expect(await runNightlyIfDue(ctx, '2026-03-02')).toBe(true);
    // A second server (or a restart) finds the night already claimed.
    expect(await runNightlyIfDue(ctx, '2026-03-02')).toBe(false);
    expect(await runNightlyIfDue(ctx, '2026-03-03')).toBe(true);

    const runs = await lastNightlyRuns(t.deps.db);
    expect(runs.map((r) => r.run_date)).toEqual(['2026-03-03', '2026-03-02']);
    expect(runs[1]).toMatchObject({ error: null, counts: expect.objectContaining({ encounters: 1 }) });
    expect(runs[1]?.finished_at).toBeInstanceOf(Date);
  });

  it('is a job on the queue, scheduled at COMPLETION_NIGHTLY_AT (UTC), with progress and a record', async () => {
    expect(await schedules(t)).toEqual([{ name: NIGHTLY_JOB, cron: '15 3 * * *', timezone: 'UTC' }]);

    const ctx = nightlyContext(t.deps, 'nightly-enqueue');
    const id = await t.deps.jobs.enqueue(ctx, NIGHTLY_JOB, { runDate: '2026-03-04' });
    const done = await t.deps.jobs.waitFor(id);
    expect(done).toMatchObject({ status: 'completed', label: 'Nightly deficiency analysis for 2026-03-04' });
    expect(done.progress.done).toBeGreaterThanOrEqual(1);
    const runs = await lastNightlyRuns(t.deps.db);
    expect(runs[0]).toMatchObject({ run_date: '2026-03-04', error: null, job_id: id });
  });

  it('lets the retry of a job whose process died take over its night, and no other job', async () => {
    const ctx = nightlyContext(t.deps, 'nightly-crash');
    const crashed = 'c0ffee00-0000-4000-8000-00000000a001';
    const other = 'c0ffee00-0000-4000-8000-00000000a002';
    // The attempt claimed the night, then its process died: no finish, no error on the claim.
    await t.deps.db
      .insertInto('completeness_nightly_run')
      .values({
        run_date: '2026-02-26',
        started_at: t.clock.now(),
        finished_at: null,
        counts: null,
        error: null,
        job_id: crashed,
      })
      .execute();
    expect(await runNightlyIfDue(ctx, '2026-02-26', { jobId: other })).toBe(false);
    expect(await runNightlyIfDue(ctx, '2026-02-26')).toBe(false);
    expect(await runNightlyIfDue(ctx, '2026-02-26', { jobId: crashed })).toBe(true);
    const run = (await lastNightlyRuns(t.deps.db)).find((r) => r.run_date === '2026-02-26');
    expect(run).toMatchObject({ run_date: '2026-02-26', error: null, job_id: crashed });
    expect(run?.finished_at).toBeInstanceOf(Date);
    // Once finished, not even the same job runs the night twice.
    expect(await runNightlyIfDue(ctx, '2026-02-26', { jobId: crashed })).toBe(false);
  });

  it('lets a failed night be claimed again, so a retry of the job runs it', async () => {
    const ctx = nightlyContext(t.deps, 'nightly-retry');
    await t.deps.db
      .insertInto('completeness_nightly_run')
      .values({
        run_date: '2026-03-05',
        started_at: t.clock.now(),
        finished_at: t.clock.now(),
        counts: null,
        error: 'boom',
        job_id: null,
      })
      .execute();
    expect(await runNightlyIfDue(ctx, '2026-03-05')).toBe(true);
    const [run] = await lastNightlyRuns(t.deps.db, 1);
    expect(run).toMatchObject({ run_date: '2026-03-05', error: null });
  });

  it('removes the schedule when a server starts with the setting off', async () => {
    // A second server over the same database, configured `off` (cron runs `completion analyse`).
    const queue = appJobQueue(t.database.pool, t.deps.log);
    const config = { ...t.deps.config, COMPLETION_NIGHTLY_AT: 'off' };
    await queue.start({ ...t.deps, config, jobs: queue }, { work: false });
    try {
      expect(await schedules(t)).toEqual([]);
    } finally {
      await queue.stop();
    }
  });
});
