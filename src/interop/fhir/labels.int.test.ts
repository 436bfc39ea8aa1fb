import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { insertTestPatient } from '../../../test/factories.ts';
import { waitForLatestJob } from '../../../test/jobs.ts';
import { EXPORT_JOB } from '../bulk/bulk-jobs.ts';

// Issue 6: sensitivity labels on single entries hold on every path that shows or exports data — here the
// FHIR search and the bulk export, beside the chart screens (src/chart/labels.int.test.ts).
let t: TestApp;
let clerk: TestUser;
let doctor: TestUser;
let admin: TestUser;
let patientId: string;
let plain: string;
let hiv: string;

const send = (user: TestUser, method: 'POST' | 'GET', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

async function problem(description: string, code: string): Promise<string> {
  const res = await send(clerk, 'POST', `/api/patients/${patientId}/history`, {
    kind: 'problem',
    data: { description, code, status: 'active' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await buildTestApp();
  clerk = await createTestUser(t, ['him_clerk']);
  doctor = await createTestUser(t, ['physician']);
  admin = await createTestUser(t, ['administrator'], { mfa: true });
  patientId = (await insertTestPatient(t)).id;
  plain = await problem('Essential hypertension', 'I10');
  hiv = await problem('Asymptomatic HIV infection status', 'Z21');
  const set = await send(clerk, 'POST', `/api/chart-entries/${hiv}/labels`, {
    label: 'hiv_sti',
    reason: 'HIV status',
  });
  expect(set.statusCode).toBe(200);
});
afterAll(() => t.close());

const conditionIds = async (user: TestUser) => {
  const res = await send(user, 'GET', `/fhir/Condition?patient=${patientId}`);
  expect(res.statusCode).toBe(200);
  const entries = (res.json().entry ?? []) as { resource: { id: string }; search: { mode: string } }[];
  return entries.filter((e) => e.search.mode === 'match').map((e) => e.resource.id);
};

describe('sensitivity labels on /fhir and in bulk export', () => {
  it('leaves labelled conditions out of a FHIR search for roles that may not see them, and refuses the read', async () => {
    expect(await conditionIds(clerk)).toEqual(expect.arrayContaining([plain, hiv]));
    expect(await conditionIds(doctor)).toEqual([plain]);
    // The Bundle says that something was withheld, never what.
    const bundle = (await send(doctor, 'GET', `/fhir/Condition?patient=${patientId}`)).json();
    expect(JSON.stringify(bundle)).not.toContain('HIV');
    const read = await send(doctor, 'GET', `/fhir/Condition/${hiv}`);
    expect(read.statusCode).toBe(403);
    expect(read.json().resourceType).toBe('OperationOutcome');
  });

  it('leaves labelled entries out of a bulk export the requester may not see', async () => {
    const kick = await t.app.inject({
      url: '/fhir/$export?_type=Condition',
      headers: { ...admin.headers, prefer: 'respond-async' },
    });
    expect(kick.statusCode).toBe(202);
    const status = new URL(String(kick.headers['content-location'])).pathname;
    // Issue 12 item 5: wait on the export's job finishing, not on a polling loop.
    expect((await waitForLatestJob(t, EXPORT_JOB)).status).toBe('completed');
    const s = await t.app.inject({ url: status, headers: admin.headers });
    expect(s.statusCode).toBe(200);
    const manifest: { output: { type: string; url: string }[] } = s.json();
    const file = await t.app.inject({
      url: new URL(manifest.output[0]!.url).pathname,
      headers: admin.headers,
    });
    const ids = file.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id);
    expect(ids).toContain(plain);
    expect(ids).not.toContain(hiv);
  });
});
