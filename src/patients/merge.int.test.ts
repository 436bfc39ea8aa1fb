import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { waitForLatestJob } from '../../test/jobs.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { SWEEP_JOB } from './sweep.service.ts';

let t: TestApp;
let him: TestUser;
let clerk: TestUser;

const person = (over: Record<string, unknown> = {}) => ({
  family: 'Castellanos',
  given: 'Robert',
  birthDate: '1958-09-03',
  sexAtBirth: 'M',
  phones: [{ use: 'home', number: '555-310-4400' }],
  address: { line1: '4 Mill Lane', city: 'Lowell', state: 'MA', postalCode: '01852' },
  ...over,
});

const call = (method: 'GET' | 'POST', url: string, user: TestUser, payload?: unknown) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload: payload as object } : {}) });

async function register(over: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/patients', clerk, person(over));
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; mrn: string; version: number };
}

async function sweepToEnd() {
  const started = await call('POST', '/api/patients/duplicates/sweep', him);
  expect(started.statusCode).toBe(202);
  expect((await waitForLatestJob(t, SWEEP_JOB)).status).toBe('completed');
  return (await call('GET', '/api/patients/duplicates/sweep', him)).json().sweep;
}

beforeAll(async () => {
  t = await buildTestApp();
  him = await createTestUser(t, ['him_clerk']);
  clerk = await createTestUser(t, ['registration_clerk']);
});
afterAll(() => t.close());

describe('duplicate sweep, merge and unmerge', () => {
  it('queues a probable pair, merges it, resolves the retired MRN, and unmerges exactly', async () => {
    const a = await register({
      identifiers: [{ kind: 'other_mrn', system: 'Mercy General', value: 'MG-5501' }],
    });
    const b = await register({
      given: 'Bob',
      identifiers: [{ kind: 'drivers_license', system: 'MA RMV', value: 'S998877' }],
    });
    await register({
      family: 'Unrelated',
      given: 'Person',
      birthDate: '1990-01-01',
      phones: [],
      address: null,
    });

    const sweep = await sweepToEnd();
    expect(sweep).toMatchObject({ status: 'done', pairsFound: 1 });
    const queue = (await call('GET', '/api/patients/duplicates', him)).json();
    expect(queue.items).toHaveLength(1);
    expect(new Set([queue.items[0].a.id, queue.items[0].b.id])).toEqual(new Set([a.id, b.id]));
    expect(queue.items[0].fields.find((f: { field: string }) => f.field === 'given').reason).toBe('nickname');

    const before = (await call('GET', `/api/patients/${b.id}`, him)).json();
    const merged = await call('POST', '/api/patients/merges', him, {
      survivorId: a.id,
      retiredId: b.id,
      reason: 'Same person',
    });
    expect(merged.statusCode).toBe(200);
    const { mergeId } = merged.json();

    const survivor = (await call('GET', `/api/patients/${a.id}`, him)).json();
    expect(survivor.identifiers.map((i: { value: string }) => i.value).sort()).toEqual([
      'MG-5501',
      'S998877',
    ]);
    const retired = (await call('GET', `/api/patients/${b.id}`, him)).json();
    expect(retired).toMatchObject({ status: 'merged', mergedInto: a.id });
    const byOldMrn = (await call('GET', `/api/patients?mrn=${b.mrn}`, him)).json().items;
    expect(byOldMrn).toEqual([expect.objectContaining({ id: a.id, resolvedFromMrn: b.mrn })]);
    expect((await call('GET', '/api/patients/duplicates', him)).json().items).toHaveLength(0);

    const again = await call('POST', '/api/patients/merges', him, { survivorId: a.id, retiredId: b.id });
    expect(again.json().error.code).toBe('MERGE_RETIRED_RECORD');

    expect((await call('POST', `/api/patients/merges/${mergeId}/unmerge`, him)).statusCode).toBe(200);
    const restored = (await call('GET', `/api/patients/${b.id}`, him)).json();
    const strip = (p: Record<string, unknown>) => ({ ...p, version: 0, updatedAt: '' });
    expect(strip(restored)).toEqual(strip(before));
    const survivorAfter = (await call('GET', `/api/patients/${a.id}`, him)).json();
    expect(survivorAfter.identifiers.map((i: { value: string }) => i.value)).toEqual(['MG-5501']);
    expect((await call('POST', `/api/patients/merges/${mergeId}/unmerge`, him)).json().error.code).toBe(
      'NOT_MERGED',
    );
    const versions = (await call('GET', `/api/patients/${b.id}/versions`, him)).json().versions;
    expect(versions.map((v: { action: string }) => v.action)).toEqual(['unmerge', 'merge', 'create']);
  });

  it('refuses merging a record into itself, and refuses merging to a clerk without patient:merge', async () => {
    const a = await register({ family: 'Selfmerge' });
    const self = await call('POST', '/api/patients/merges', him, { survivorId: a.id, retiredId: a.id });
    expect(self.json().error.code).toBe('MERGE_SAME_RECORD');
    const b = await register({ family: 'Selfmerge', given: 'Rob' });
    const denied = await call('POST', '/api/patients/merges', clerk, { survivorId: a.id, retiredId: b.id });
    expect(denied.statusCode).toBe(403);
  });

  it('remembers "not a duplicate" so the next sweep does not propose the pair again', async () => {
    await register({ family: 'Twinsworth', given: 'Alexander', birthDate: '2001-05-05' });
    await register({ family: 'Twinsworth', given: 'Alex', birthDate: '2001-05-05' });
    await sweepToEnd();
    const queue = (await call('GET', '/api/patients/duplicates', him)).json();
    const pair = queue.items.find((i: { a: { name: string } }) => i.a.name?.startsWith('Twinsworth'));
    expect(pair, JSON.stringify(queue)).toBeDefined();
    expect((await call('POST', `/api/patients/duplicates/${pair.id}/not-duplicate`, him)).statusCode).toBe(
      200,
    );
    await sweepToEnd();
    const open = (await call('GET', '/api/patients/duplicates', him)).json().items;
    expect(open.find((i: { id: string }) => i.id === pair.id)).toBeUndefined();
  });

  it('closes a sweep cancelled while still queued, so the next sweep may start', async () => {
    // Workers off: the sweep's job stays queued (a busy queue, or a server that is stopping).
    await t.deps.jobs.stop();
    await t.deps.jobs.start(t.deps, { work: false });
    try {
      const started = await call('POST', '/api/patients/duplicates/sweep', him);
      expect(started.statusCode).toBe(202);
      const { items } = await t.deps.jobs.list(t.deps.db, { kinds: [SWEEP_JOB], page: 1, pageSize: 1 });
      expect(items[0]?.status).toBe('queued');
      t.clock.advance(60_000); // the latest sweep is the latest to finish; the test clock stands still
      expect((await t.deps.jobs.cancel(cliContext(t.deps), items[0]!.id)).status).toBe('cancelled');
      const sweep = (await call('GET', '/api/patients/duplicates/sweep', him)).json().sweep;
      expect(sweep).toMatchObject({ id: started.json().id, status: 'failed' });
    } finally {
      await t.deps.jobs.stop();
      await t.deps.jobs.start(t.deps);
    }
    t.clock.advance(60_000);
    expect((await sweepToEnd()).status).toBe('done');
  });
});
