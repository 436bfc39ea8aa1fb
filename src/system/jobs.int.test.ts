import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { NIGHTLY_JOB } from '../completeness/nightly.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { SWEEP_JOB } from '../patients/sweep.service.ts';
import { SCAN_JOB } from '../privacy/privacy.service.ts';

// Issue 12 item 5: one jobs screen for the administrator over the one queue.
let t: TestApp;
let admin: TestUser;
let him: TestUser;
let doctor: TestUser;
let officer: TestUser;

const call = (user: TestUser, method: 'GET' | 'POST', url: string) =>
  t.app.inject({ method, url, headers: user.headers });

const auditOf = (action: string, userId: string) =>
  t.deps.db
    .selectFrom('audit_event')
    .select(['resource_id', 'details', 'outcome'])
    .where('action', '=', action)
    .where('actor_user_id', '=', userId)
    .execute();

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createTestUser(t, ['administrator']);
  him = await createTestUser(t, ['him_clerk']);
  doctor = await createTestUser(t, ['physician']);
  officer = await createTestUser(t, ['privacy_officer']);
});
afterAll(() => t.close());

describe('the jobs screen API', () => {
  it('lists jobs newest first, filtered by queue and state, a page at a time', async () => {
    const ctx = cliContext(t.deps);
    const first = await t.deps.jobs.enqueue(ctx, SCAN_JOB, {});
    const second = await t.deps.jobs.enqueue(ctx, SCAN_JOB, { since: '2026-03-01' });
    const nightly = await t.deps.jobs.enqueue(ctx, NIGHTLY_JOB, { runDate: '2026-03-01' });
    for (const id of [first, second, nightly])
      expect((await t.deps.jobs.waitFor(id)).status).toBe('completed');

    const page1 = await call(admin, 'GET', `/api/admin/jobs?kind=${SCAN_JOB}&pageSize=1`);
    expect(page1.statusCode).toBe(200);
    expect(page1.json()).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(page1.json().items.map((j: { id: string }) => j.id)).toEqual([second]);
    const page2 = (await call(admin, 'GET', `/api/admin/jobs?kind=${SCAN_JOB}&pageSize=1&page=2`)).json();
    expect(page2.items.map((j: { id: string }) => j.id)).toEqual([first]);

    const both = (await call(admin, 'GET', `/api/admin/jobs?kind=${SCAN_JOB},${NIGHTLY_JOB}`)).json();
    expect(both.items.map((j: { id: string }) => j.id)).toEqual([nightly, second, first]);
    const failed = (await call(admin, 'GET', '/api/admin/jobs?status=failed,cancelled')).json();
    expect(failed).toMatchObject({ total: 0, items: [] });

    const bad = await call(admin, 'GET', '/api/admin/jobs?status=done');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toMatch(
      /queued, running, retrying, completed, failed, cancelled/,
    );
  });

  it('shows a job by the allow-listed fields only: never its payload', async () => {
    const id = await t.deps.jobs.enqueue(cliContext(t.deps), NIGHTLY_JOB, { runDate: '2026-03-02' });
    await t.deps.jobs.waitFor(id);
    const res = await call(admin, 'GET', `/api/admin/jobs/${id}`);
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(
      [
        'attempts',
        'createdAt',
        'error',
        'finishedAt',
        'id',
        'kind',
        'label',
        'progress',
        'startedAt',
        'startedBy',
        'status',
      ].sort(),
    );
    expect(res.json()).toMatchObject({ kind: NIGHTLY_JOB, status: 'completed', attempts: 1 });
    expect(res.body).not.toContain('runDate');
    expect(
      (await call(admin, 'GET', '/api/admin/jobs/c0ffee00-0000-4000-8000-0000000000ff')).statusCode,
    ).toBe(404);
    expect((await call(admin, 'GET', '/api/admin/jobs/not-a-job')).statusCode).toBe(400);
  });

  it('names every queue with its retries and schedule', async () => {
    const res = await call(admin, 'GET', '/api/admin/jobs/queues');
    expect(res.statusCode).toBe(200);
    const queues: { kind: string; schedule: { cron: string } | null }[] = res.json().queues;
    expect(queues.map((q) => q.kind)).toEqual(expect.arrayContaining([SWEEP_JOB, SCAN_JOB, NIGHTLY_JOB]));
    expect(queues.find((q) => q.kind === SCAN_JOB)?.schedule).toEqual({ cron: '*/5 * * * *', tz: 'UTC' });
    expect(queues.find((q) => q.kind === SWEEP_JOB)?.schedule).toBeNull();
  });

  it('cancels a queued job and retries it, each audited; refuses what does not apply', async () => {
    // Workers off, so the sweep's job stays queued (a busy queue).
    await t.deps.jobs.stop();
    await t.deps.jobs.start(t.deps, { work: false });
    let id: string;
    try {
      expect((await call(him, 'POST', '/api/patients/duplicates/sweep')).statusCode).toBe(202);
      const listed = (await call(admin, 'GET', `/api/admin/jobs?kind=${SWEEP_JOB}&status=queued`)).json();
      expect(listed.total).toBe(1);
      id = listed.items[0].id;
      expect(listed.items[0]).toMatchObject({ status: 'queued', startedBy: him.username });

      const cancelled = await call(admin, 'POST', `/api/admin/jobs/${id}/cancel`);
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
      const again = await call(admin, 'POST', `/api/admin/jobs/${id}/cancel`);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('JOB_NOT_CANCELLABLE');

      const retried = await call(admin, 'POST', `/api/admin/jobs/${id}/retry`);
      expect(retried.statusCode).toBe(200);
      expect(retried.json()).toMatchObject({ status: 'queued', error: null, finishedAt: null });
    } finally {
      await t.deps.jobs.stop();
      await t.deps.jobs.start(t.deps);
    }
    expect((await t.deps.jobs.waitFor(id)).status).toBe('completed');
    const done = await call(admin, 'POST', `/api/admin/jobs/${id}/retry`);
    expect(done.statusCode).toBe(409);
    expect(done.json().error.code).toBe('JOB_NOT_RETRYABLE');

    expect(await auditOf('job.cancel', admin.id)).toEqual([
      { resource_id: id, details: { kind: SWEEP_JOB }, outcome: 'success' },
    ]);
    expect(await auditOf('job.retry', admin.id)).toEqual([
      { resource_id: id, details: { kind: SWEEP_JOB }, outcome: 'success' },
    ]);
  });

  it('refuses everyone but the administrator, audits the refusal and changes nothing', async () => {
    await t.deps.jobs.stop();
    await t.deps.jobs.start(t.deps, { work: false });
    let id: string;
    try {
      id = await t.deps.jobs.enqueue(cliContext(t.deps), SCAN_JOB, {});
      for (const user of [doctor, officer, him]) {
        expect((await call(user, 'GET', '/api/admin/jobs')).statusCode).toBe(403);
        expect((await call(user, 'GET', `/api/admin/jobs/${id}`)).statusCode).toBe(403);
        const cancel = await call(user, 'POST', `/api/admin/jobs/${id}/cancel`);
        expect(cancel.statusCode).toBe(403);
        expect(cancel.json().error.code).toBe('FORBIDDEN');
        const denied = await auditOf('access.denied', user.id);
        expect(denied.map((d) => (d.details as { permission: string }).permission)).toEqual([
          'job:admin',
          'job:admin',
          'job:admin',
        ]);
      }
      expect((await t.deps.jobs.get(t.deps.db, id))?.status).toBe('queued');
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/admin/jobs' });
      expect(anonymous.statusCode).toBe(401);
    } finally {
      await t.deps.jobs.stop();
      await t.deps.jobs.start(t.deps);
    }
    expect((await t.deps.jobs.waitFor(id)).status).toBe('completed');
  });
});
