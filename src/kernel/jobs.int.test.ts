import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { ManualClock } from './clock.ts';
import { loadConfig } from './config.ts';
import type { AppDeps, RequestContext } from './context.ts';
import { collectHooks } from './hooks.ts';
import { JobQueue } from './jobs.ts';

let t: TestDatabase;
let queue: JobQueue;
let ctx: RequestContext;
const clock = new ManualClock('2026-03-02T14:00:00Z');
const log = pino({ level: 'silent' });

/** Calls per job id, so a test can tell attempts apart. */
const calls = new Map<string, number>();
const bump = (id: string) => {
  const n = (calls.get(id) ?? 0) + 1;
  calls.set(id, n);
  return n;
};
/** Lets a test release a job that is waiting inside its handler. */
const gates = new Map<string, () => void>();
/** Resolves once a job's handler has started (so the test can act on a running job). */
const started = new Map<string, () => void>();
const startedPromise = (key: string) => new Promise<void>((r) => started.set(key, () => r()));

beforeAll(async () => {
  t = await createTestDatabase();
  queue = new JobQueue({
    connectionString: t.url,
    log,
    superviseIntervalSeconds: 1,
    pollingIntervalSeconds: 0.5,
  });
  queue.define<{ n: number }>({
    kind: 'test.count',
    label: (d) => `Count to ${d.n}`,
    run: async (job) => {
      for (let i = 1; i <= job.data.n; i++) await job.progress(i, job.data.n, `at ${i}`);
    },
  });
  queue.define<{ key: string }>({
    kind: 'test.flaky',
    label: () => 'Fails once',
    retryDelaySeconds: 0,
    run: async (job) => {
      if (bump(job.id) === 1) throw new Error('first attempt fails');
    },
  });
  queue.define({
    kind: 'test.broken',
    label: () => 'Always fails',
    retryLimit: 1,
    retryDelaySeconds: 0,
    run: async (job) => {
      bump(job.id);
      throw new Error('disk full');
    },
  });
  queue.define<{ key: string }>({
    kind: 'test.gated',
    label: (d) => `Gated ${d.key}`,
    retryDelaySeconds: 0,
    run: async (job) => {
      started.get(job.data.key)?.();
      await new Promise<void>((release) => gates.set(job.data.key, release));
      await job.progress(1, 2);
    },
  });
  const deps: AppDeps = {
    config: loadConfig({ CHARTKEEPER_DATA_DIR: `/tmp/ck-jobs-${t.name}`, LOG_LEVEL: 'silent' }),
    db: t.db,
    pool: t.pool,
    clock,
    log,
    dbMode: 'external',
    jobs: queue,
    hooks: collectHooks([]),
  };
  ctx = { ...deps, requestId: 'test', channel: 'cli', operator: 'cli:tester' };
  await queue.start(deps);
});

afterAll(async () => {
  await queue.stop();
  await t.drop();
});

describe('job queue', () => {
  it('runs a job to completion with its progress and who started it', async () => {
    const id = await queue.enqueue(ctx, 'test.count', { n: 3 });
    const done = await queue.waitFor(id);
    expect(done).toMatchObject({
      kind: 'test.count',
      label: 'Count to 3',
      status: 'completed',
      startedBy: 'cli:tester',
      attempts: 1,
      progress: { done: 3, total: 3, note: 'at 3' },
      error: null,
    });
  });

  it('retries a failed attempt', async () => {
    const id = await queue.enqueue(ctx, 'test.flaky', { key: 'f' });
    const done = await queue.waitFor(id);
    expect(done.status).toBe('completed');
    expect(done.attempts).toBe(2);
    expect(calls.get(id)).toBe(2);
  });

  it('fails for good after its retries, keeping the error; an administrator retry runs it again', async () => {
    const id = await queue.enqueue(ctx, 'test.broken', {});
    const failed = await queue.waitFor(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, error: 'disk full' });
    expect(calls.get(id)).toBe(2);
    await expect(queue.cancel(ctx, id)).rejects.toMatchObject({ code: 'JOB_NOT_CANCELLABLE' });

    const again = await queue.retry(ctx, id);
    expect(again.status).toBe('queued');
    const failedAgain = await queue.waitFor(id);
    expect(failedAgain.status).toBe('failed');
    expect(calls.get(id)).toBe(3);
  });

  it('cancels a running job at its next progress report, and a queued one before it starts', async () => {
    const running = startedPromise('c1');
    const id = await queue.enqueue(ctx, 'test.gated', { key: 'c1' });
    await running;
    const cancelled = await queue.cancel(ctx, id);
    expect(cancelled.status).toBe('cancelled');
    gates.get('c1')?.();
    const final = await queue.waitFor(id);
    expect(final.status).toBe('cancelled');
    expect(final.progress.done).toBe(0);
    await expect(queue.retry(ctx, 'b8d4a0de-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('cancels a queued job before its handler ever runs, and refuses to cancel a finished one', async () => {
    // One worker per kind: while c2 holds it, c3 waits in the queue.
    const running = startedPromise('c2');
    const first = await queue.enqueue(ctx, 'test.gated', { key: 'c2' });
    await running;
    let c3Started = false;
    started.set('c3', () => {
      c3Started = true;
    });
    const queued = await queue.enqueue(ctx, 'test.gated', { key: 'c3' });
    expect((await queue.get(t.db, queued))?.status).toBe('queued');
    expect((await queue.cancel(ctx, queued)).status).toBe('cancelled');
    gates.get('c2')?.();
    expect((await queue.waitFor(first)).status).toBe('completed');
    const view = await queue.waitFor(queued);
    expect(view).toMatchObject({ status: 'cancelled', attempts: 0, startedAt: null });
    const state = await sql<{
      state: string;
    }>`select state::text from pgboss.job where id = ${queued}`.execute(t.db);
    expect(state.rows[0]?.state).toBe('cancelled');
    expect(c3Started).toBe(false);
    await expect(queue.cancel(ctx, first)).rejects.toMatchObject({ code: 'JOB_NOT_CANCELLABLE' });
  });

  it('lists jobs newest first, a page at a time', async () => {
    const page1 = await queue.list(t.db, { page: 1, pageSize: 2 });
    const page2 = await queue.list(t.db, { page: 2, pageSize: 2 });
    expect(page1.total).toBeGreaterThanOrEqual(4);
    expect(page1.items).toHaveLength(2);
    expect(page2.items[0]?.id).not.toBe(page1.items[1]?.id);
    const failed = await queue.list(t.db, { page: 1, pageSize: 10, statuses: ['failed'] });
    expect(failed.items.map((j) => j.kind)).toEqual(['test.broken']);
  });

  it('hands a job claimed by a dead process to a live worker', async () => {
    // Another process claims the job, then dies: it never finishes it and stops sending heartbeats.
    const dead = new PgBoss({ connectionString: t.url, schema: 'pgboss', supervise: false, schedule: false });
    dead.on('error', () => undefined);
    await queue.stop();
    const deps = { ...ctx, jobs: queue } as AppDeps;
    await dead.start();
    const producer = new JobQueue({ connectionString: t.url, log });
    producer.define({ kind: 'test.count', label: () => 'Count to 2', run: async () => undefined });
    await producer.start(deps, { work: false });
    const id = await producer.enqueue(ctx, 'test.count', { n: 2 });
    await producer.stop();
    const [claimed] = await dead.fetch('test.count');
    expect(claimed?.id).toBe(id);
    await dead.stop({ graceful: false });
    await sql`update pgboss.job set heartbeat_on = now() - interval '1 hour', started_on = now() - interval '1 hour'
              where id = ${id}`.execute(t.db);

    await queue.start(deps);
    const done = await queue.waitFor(id);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ done: 2, total: 2 });
  });

  it('on start, closes jobs a crashed process left unfinished and keeps the ones pg-boss still holds', async () => {
    const deps = { ...ctx, jobs: queue } as AppDeps;
    await queue.stop();
    const producer = new JobQueue({ connectionString: t.url, log });
    producer.define({ kind: 'test.count', label: () => 'Count', run: async () => undefined });
    await producer.start(deps, { work: false });
    const lost = await producer.enqueue(ctx, 'test.count', { n: 1 });
    const finished = await producer.enqueue(ctx, 'test.count', { n: 1 });
    const held = await producer.enqueue(ctx, 'test.count', { n: 1 });
    await producer.stop();
    // A crash after the row was written but before pg-boss had the job; one pg-boss failed while our row
    // still says running (the process died before recording it).
    await sql`delete from pgboss.job where id = ${lost}`.execute(t.db);
    await sql`update pgboss.job set state = 'failed' where id = ${finished}`.execute(t.db);
    await sql`update kernel_job set status = 'running' where id in (${lost}, ${finished})`.execute(t.db);
    clock.advance(60_000);

    await queue.start(deps);
    const lostView = await queue.get(t.db, lost);
    expect(lostView).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped/) });
    expect(lostView?.finishedAt).not.toBeNull();
    expect((await queue.get(t.db, finished))?.status).toBe('failed');
    expect((await queue.waitFor(held)).status).toBe('completed');
  });

  it('on start, leaves alone a job just written whose pg-boss job is not there yet', async () => {
    const deps = { ...ctx, jobs: queue } as AppDeps;
    await queue.stop();
    // Another process has written its row and is about to send the job to pg-boss (no transaction).
    const inFlight = 'c0ffee00-0000-4000-8000-000000000001';
    await sql`insert into kernel_job (id, kind, label, status, started_by, created_at)
              values (${inFlight}, 'test.count', 'Count', 'queued', 'cli:other', ${clock.now()})`.execute(
      t.db,
    );
    clock.advance(5_000);
    await queue.start(deps);
    expect((await queue.get(t.db, inFlight))?.status).toBe('queued');

    // Had that process died instead, the row is closed by the next start once it is old enough.
    await queue.stop();
    clock.advance(10_000);
    await queue.start(deps);
    expect(await queue.get(t.db, inFlight)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/stopped/),
    });
  });
});
