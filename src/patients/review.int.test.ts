import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { waitForLatestJob } from '../../test/jobs.ts';
import { SWEEP_JOB } from './sweep.service.ts';

// Issue 17, duplicate review: filter by grade, defer with a note and reopen, the waterfall and the
// cautions of each pair, and the refusals (bad note, wrong state, no permission) that change nothing.

let t: TestApp;
let him: TestUser;
let clerk: TestUser;

const call = (method: 'GET' | 'POST', url: string, user: TestUser, payload?: unknown) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload: payload as object } : {}) });

const home = { line1: '12 Orchard Street', city: 'Salem', state: 'MA', postalCode: '01970' };
async function register(body: Record<string, unknown>) {
  const res = await call('POST', '/api/patients', clerk, {
    sexAtBirth: 'F',
    phones: [{ use: 'home', number: '555-410-2200' }],
    address: home,
    ...body,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}

interface Pair {
  id: string;
  band: string;
  status: string;
  score: number;
  a: { name: string };
  fields: { field: string; weight: number }[];
  cautions: { code: string }[];
  deferredNote: string | null;
}
const queue = async (query = '') => (await call('GET', `/api/patients/duplicates${query}`, him)).json();

beforeAll(async () => {
  t = await buildTestApp();
  him = await createTestUser(t, ['him_clerk']);
  clerk = await createTestUser(t, ['registration_clerk']);
  // The same woman twice (SSN agrees, a nickname): certain.
  await register({ family: 'Przybylski', given: 'Katherine', birthDate: '1971-03-14', ssn: '234-45-6789' });
  await register({ family: 'Przybylski', given: 'Kathy', birthDate: '1971-03-14', ssn: '234-45-6789' });
  // Twins: same surname, birth date, address and phone, other first names: never certain.
  await register({ family: 'Okonkwo', given: 'Adaeze', birthDate: '2003-08-02' });
  await register({ family: 'Okonkwo', given: 'Chioma', birthDate: '2003-08-02' });
  const started = await call('POST', '/api/patients/duplicates/sweep', him);
  expect(started.statusCode).toBe(202);
  expect((await waitForLatestJob(t, SWEEP_JOB)).status).toBe('completed');
});
afterAll(() => t.close());

describe('duplicate review queue', () => {
  it('filters by grade and counts each grade; every pair carries its waterfall and cautions', async () => {
    const all = await queue();
    expect(all.counts.open).toBe(all.items.length);
    const certain = (await queue('?band=certain')).items as Pair[];
    expect(certain.every((p) => p.band === 'certain')).toBe(true);
    expect(certain.map((p) => p.a.name?.split(',')[0])).toEqual(['Przybylski']);
    const probable = (await queue('?band=probable')).items as Pair[];
    const twins = probable.find((p) => p.a.name?.startsWith('Okonkwo'));
    expect(twins, JSON.stringify(all)).toBeDefined();
    expect(twins!.cautions.map((c) => c.code)).toContain('possible-twin');
    // The waterfall sums to the score (rounded to a tenth).
    const sum = twins!.fields.reduce((s, f) => s + f.weight, 0);
    expect(Math.abs(sum - twins!.score)).toBeLessThan(0.11);
    expect((await call('GET', '/api/patients/duplicates?band=unlikely', him)).statusCode).toBe(400);
  });

  it('defers a pair with a note, lists it under deferred, and returns it to the queue', async () => {
    const pair = ((await queue('?band=probable')).items as Pair[])[0]!;
    const deferred = await call('POST', `/api/patients/duplicates/${pair.id}/defer`, him, {
      note: 'Waiting for the birth certificate',
    });
    expect(deferred.statusCode).toBe(200);
    expect(((await queue()).items as Pair[]).map((p) => p.id)).not.toContain(pair.id);
    const aside = (await queue('?status=deferred')).items as Pair[];
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatchObject({
      id: pair.id,
      status: 'deferred',
      deferredNote: 'Waiting for the birth certificate',
    });
    expect((await queue()).counts.deferred).toBe(1);
    // Deferring twice is a coded conflict; so is reopening an open pair.
    const again = await call('POST', `/api/patients/duplicates/${pair.id}/defer`, him, { note: 'again' });
    expect(again.json().error.code).toBe('PAIR_NOT_DEFERRABLE');
    expect((await call('POST', `/api/patients/duplicates/${pair.id}/reopen`, him)).statusCode).toBe(200);
    const reopen = await call('POST', `/api/patients/duplicates/${pair.id}/reopen`, him);
    expect(reopen.json().error.code).toBe('PAIR_NOT_DEFERRED');
    expect(((await queue()).items as Pair[]).find((p) => p.id === pair.id)?.deferredNote).toBeNull();
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('resource_id', '=', pair.id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['patient.duplicate.defer', 'patient.duplicate.reopen']);
  });

  it('refuses a deferral without a note, and a clerk without patient:merge; nothing changes', async () => {
    const pair = ((await queue()).items as Pair[])[0]!;
    const bad = await call('POST', `/api/patients/duplicates/${pair.id}/defer`, him, { note: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const denied = await call('POST', `/api/patients/duplicates/${pair.id}/defer`, clerk, {
      note: 'Looks the same to me',
    });
    expect(denied.statusCode).toBe(403);
    expect((await call('GET', '/api/patients/duplicates', clerk)).statusCode).toBe(403);
    expect((await queue()).counts.deferred).toBe(0);
    const refused = await t.deps.db
      .selectFrom('audit_event')
      .select('details')
      .where('outcome', '=', 'denied')
      .where('actor_username', '=', clerk.username)
      .execute();
    const routes = refused.map((d) => (d.details as { route?: string } | null)?.route);
    expect(routes).toContain('POST /api/patients/duplicates/:pairId/defer');
  });
});
