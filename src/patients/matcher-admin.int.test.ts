import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { waitForLatestJob } from '../../test/jobs.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { withTransaction } from '../kernel/db.ts';
import { insertModel } from './match-model.queries.ts';
import { activeMatchModel } from './match-model.service.ts';
import { TRAIN_MATCHER_JOB } from './matcher-admin.service.ts';
import { PRIOR_MODEL } from './matching.ts';
import { seedPatients } from './seed.service.ts';

// Issue 17: the administrator sees the stored matcher versions, trains on demand (the nightly schedule runs
// the same job), activates a chosen version and rolls back; each change is audited, others are refused.

let t: TestApp;
let admin: TestUser;
let clerk: TestUser;

const evaluation = (missed: string[] = []) => ({
  people: 2000,
  duplicates: 400,
  lookAlikes: 300,
  recallCertain: 0.9,
  recallCertainOrProbable: missed.length ? 0.9 : 0.98,
  lookAlikeCertainRate: 0,
  wrongPersonCertain: 0,
  meetsAims: missed.length === 0,
  missed,
});

/** A stored version with known figures (the weights are the starting ones; training is tested apart). */
async function storeVersion(missed: string[] = []): Promise<number> {
  // insertModel locks the table to number versions, so it runs in a transaction (as training does).
  const { version } = await withTransaction(t.deps.db, (trx) =>
    insertModel(trx, {
      model: JSON.stringify(PRIOR_MODEL),
      trained_at: t.clock.now(),
      trained_by: 'test',
      records: 100,
      pairs: 50,
      iterations: 5,
      converged: true,
      lambda: 0.01,
      evaluation: JSON.stringify(evaluation(missed)),
    }),
  );
  return version;
}

const call = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/patients/matcher${url}`, headers: user.headers, payload });

const audits = (action: string) =>
  t.deps.db
    .selectFrom('audit_event')
    .select(['actor_username', 'outcome', 'details'])
    .where('action', '=', action)
    .orderBy('occurred_at')
    .execute();

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createTestUser(t, ['administrator']);
  clerk = await createTestUser(t, ['registration_clerk']);
});
afterAll(() => t.close());

describe('matcher versions admin API', () => {
  it('lists nothing and reports the starting weights before any version exists', async () => {
    const res = await call(admin, 'GET', '/versions');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], total: 0, page: 1, pageSize: 20, activeVersion: null });
  });

  it('refuses a clerk on every matcher route and audits each refusal, changing nothing', async () => {
    const v = await storeVersion();
    const tries = [
      await call(clerk, 'GET', '/versions'),
      await call(clerk, 'POST', `/versions/${v}/activate`, { reason: 'try' }),
      await call(clerk, 'POST', '/rollback', { reason: 'try' }),
      await call(clerk, 'POST', '/train'),
    ];
    expect(tries.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
    const denied = (await audits('access.denied')).filter((a) => a.actor_username === clerk.username);
    expect(denied).toHaveLength(4);
    expect(denied[0]!.details).toMatchObject({ permission: 'patient:matcher' });
    expect((await activeMatchModel(t.deps.db)).version).toBeNull();
  });

  it('activates a version with a reason, audited with the version it replaced', async () => {
    const res = await call(admin, 'POST', '/versions/1/activate', { reason: 'reviewed the figures' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, active: true, activatedBy: admin.username });
    expect((await activeMatchModel(t.deps.db)).version).toBe(1);
    const [a] = await audits('patient.matcher.activate');
    expect(a).toMatchObject({ actor_username: admin.username, outcome: 'success' });
    expect(a!.details).toMatchObject({ version: 1, previousVersion: null, reason: 'reviewed the figures' });
  });

  it('rejects bad input with a coded error and no change', async () => {
    const noReason = await call(admin, 'POST', '/versions/1/activate', { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('VALIDATION_FAILED');
    const missing = await call(admin, 'POST', '/versions/99/activate', { reason: 'typo' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('MATCHER_VERSION_NOT_FOUND');
    const again = await call(admin, 'POST', '/versions/1/activate', { reason: 'again' });
    expect(again.json().error.code).toBe('MATCHER_ALREADY_ACTIVE');
    expect((await activeMatchModel(t.deps.db)).version).toBe(1);
  });

  it('refuses a version that missed the aims unless the administrator accepts that explicitly', async () => {
    const weak = await storeVersion(['recall 0.900 < 0.97']);
    const refused = await call(admin, 'POST', `/versions/${weak}/activate`, { reason: 'newest' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'MATCHER_MISSES_AIMS',
      details: { missed: ['recall 0.900 < 0.97'] },
    });
    expect((await activeMatchModel(t.deps.db)).version).toBe(1);
    const forced = await call(admin, 'POST', `/versions/${weak}/activate`, {
      reason: 'trial on the test system',
      acceptMissedAims: true,
    });
    expect(forced.statusCode).toBe(200);
    expect((await activeMatchModel(t.deps.db)).version).toBe(weak);
  });

  it('rolls back one step at a time, then to the starting weights, then refuses', async () => {
    const third = await storeVersion();
    await call(admin, 'POST', `/versions/${third}/activate`, { reason: 'newest' });
    const back1 = await call(admin, 'POST', '/rollback', { reason: 'more review flags' });
    expect(back1.statusCode).toBe(200);
    expect(back1.json()).toEqual({ activeVersion: 2, previousVersion: third });
    const back2 = await call(admin, 'POST', '/rollback', { reason: 'still wrong' });
    expect(back2.json()).toEqual({ activeVersion: 1, previousVersion: 2 });
    const back3 = await call(admin, 'POST', '/rollback', { reason: 'go to start' });
    expect(back3.json()).toEqual({ activeVersion: null, previousVersion: 1 });
    expect((await activeMatchModel(t.deps.db)).version).toBeNull();
    const none = await call(admin, 'POST', '/rollback', { reason: 'once more' });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('MATCHER_NOTHING_TO_ROLL_BACK');
    const rolls = await audits('patient.matcher.rollback');
    expect(rolls.map((r) => r.details)).toEqual([
      { from: third, to: 2, reason: 'more review flags' },
      { from: 2, to: 1, reason: 'still wrong' },
      { from: 1, to: null, reason: 'go to start' },
    ]);
  });

  it('lists versions newest first, paged, with the active one marked', async () => {
    await call(admin, 'POST', '/versions/1/activate', { reason: 'known good' });
    const res = await call(admin, 'GET', '/versions?page=1&pageSize=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.activeVersion).toBe(1);
    expect(body.items.map((v: { version: number }) => v.version)).toEqual([3, 2]);
    const page2 = (await call(admin, 'GET', '/versions?page=2&pageSize=2')).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0]).toMatchObject({ version: 1, active: true });
    expect(page2.items[0]).not.toHaveProperty('model');
    const one = await call(admin, 'GET', '/versions/2');
    expect(one.json().evaluation.missed).toEqual(['recall 0.900 < 0.97']);
  });
});

describe('training on demand and on the nightly schedule', () => {
  it('the queue holds a nightly schedule for the training job', async () => {
    const rows = await sql<{ cron: string; timezone: string }>`
      select cron, timezone from pgboss.schedule where name = ${TRAIN_MATCHER_JOB}`.execute(t.deps.db);
    expect(rows.rows).toEqual([{ cron: '30 2 * * *', timezone: 'UTC' }]);
  });

  it('a training job on an index too small to learn from completes, says so, and stores nothing', async () => {
    const before = await t.deps.db.selectFrom('patient_match_model').select('id').execute();
    const res = await call(admin, 'POST', '/train');
    expect(res.statusCode).toBe(202);
    const job = await waitForLatestJob(t, TRAIN_MATCHER_JOB);
    expect(job.status).toBe('completed');
    expect(job.progress.note).toMatch(/too few records/);
    const after = await t.deps.db.selectFrom('patient_match_model').select('id').execute();
    expect(after).toHaveLength(before.length);
    const [req] = await audits('patient.matcher.train_request');
    expect(req).toMatchObject({ actor_username: admin.username, details: { jobId: job.id } });
  });

  it('a training job on a real index stores and activates the next version, trained by the job', async () => {
    await seedPatients(cliContext(t.deps), { count: 400, seed: 71, duplicateRate: 0.03 });
    t.clock.advance(3600 * 1000);
    await call(admin, 'POST', '/train');
    const job = await waitForLatestJob(t, TRAIN_MATCHER_JOB, 120_000);
    expect(job.status).toBe('completed');
    expect(job.progress.note).toBe('version 4 active');
    const v4 = (await call(admin, 'GET', '/versions/4')).json();
    expect(v4).toMatchObject({ version: 4, active: true, records: 400 });
    expect(v4.trainedBy).toBe(admin.username);
    expect((await activeMatchModel(t.deps.db)).version).toBe(4);
  });
});
