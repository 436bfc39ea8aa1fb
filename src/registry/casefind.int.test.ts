import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { registryTestApp, sender } from '../../test/registry.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { runCasefinding } from './casefind.service.ts';

let t: TestApp;
let registrar: TestUser;
let doctor: TestUser;
let coder: TestUser;
let patientId: string;

const job = () => ({ ...cliContext(t.deps), channel: 'job' as const });
const send = (...a: Parameters<ReturnType<typeof sender>>) => sender(t)(...a);

async function record(collection: string, kind: string, data: object) {
  const r = await send('POST', `/api/patients/${patientId}/${collection}`, doctor, { kind, data });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
}

beforeAll(async () => {
  t = await registryTestApp();
  registrar = await createTestUser(t, ['cancer_registrar']);
  doctor = await createTestUser(t, ['physician']);
  coder = await createTestUser(t, ['coder']);
  patientId = (
    await insertTestPatient(t, { family: 'Casefind', given: 'Ada', sex: 'F', birthDate: '1961-04-12' })
  ).id;
});
afterAll(() => t.close());

describe('case finding', () => {
  let problemId: string;
  let pathologyId: string;

  it('finds a reportable problem and a pathology report, not a negated report or a skin BCC', async () => {
    problemId = await record('history', 'problem', {
      description: 'Malignant neoplasm of left breast',
      code: 'C50.912',
      status: 'active',
      onsetDate: '2026-01-20',
    });
    await record('history', 'problem', {
      description: 'Basal cell carcinoma of skin of face',
      code: 'C44.311',
      status: 'active',
    });
    await record('history', 'problem', { description: 'Type 2 diabetes', code: 'E11.9', status: 'active' });
    pathologyId = await record('results', 'result', {
      code: '22637-3',
      name: 'Surgical pathology report',
      valueText: 'Left breast, core biopsy: invasive ductal carcinoma, grade 2.',
      status: 'final',
      performedAt: '2026-01-18T10:00:00Z',
    });
    await record('results', 'result', {
      code: '22637-3',
      name: 'Surgical pathology report',
      valueText: 'Right breast, core biopsy: fibroadenoma. Negative for malignancy.',
      status: 'final',
      performedAt: '2026-01-18T10:00:00Z',
    });
    await record('results', 'result', {
      code: '2345-7',
      name: 'Glucose',
      value: 5.4,
      status: 'final',
      performedAt: '2026-01-18T10:00:00Z',
    });

    const r = await runCasefinding(job(), { trigger: 'test' });
    expect(r).toMatchObject({ screened: 6, hits: 2, new: 2 });
    const q = await send('GET', '/api/registry/suspense?status=open', registrar);
    expect(q.statusCode).toBe(200);
    const items = q.json().items as {
      sourceKind: string;
      sourceId: string;
      reason: string;
      excerpt: string;
    }[];
    expect(items.map((i) => [i.sourceKind, i.sourceId]).sort()).toEqual(
      [
        ['pathology', pathologyId],
        ['problem', problemId],
      ].sort(),
    );
    expect(items.find((i) => i.sourceKind === 'pathology')?.excerpt).toMatch(/invasive ductal carcinoma/);
  });

  it('never queues the same source twice', async () => {
    const again = await runCasefinding(job(), { trigger: 'test', since: new Date('2020-01-01T00:00:00Z') });
    expect(again).toMatchObject({ screened: 6, hits: 2, new: 0 });
    // Without --since the next run goes on from the last one: nothing new to screen.
    const next = await runCasefinding(job(), { trigger: 'test' });
    expect(next.new).toBe(0);
  });

  it('resumes an interrupted run from its cursor', async () => {
    const first = await runCasefinding(job(), {
      trigger: 'test',
      since: new Date('2020-01-01T00:00:00Z'),
      pageSize: 2,
      maxPages: 1,
    });
    expect(first.screened).toBe(2);
    const rest = await runCasefinding(job(), { trigger: 'test', pageSize: 2 });
    expect(rest).toMatchObject({ runId: first.runId, resumed: true, screened: 6 });
  });

  it('accepts a hit as a tumour with demographics from the patient index, and merges the other', async () => {
    const q = (await send('GET', '/api/registry/suspense?status=open', registrar)).json().items as {
      id: string;
      sourceKind: string;
    }[];
    const problem = q.find((i) => i.sourceKind === 'problem');
    const path = q.find((i) => i.sourceKind === 'pathology');
    const accepted = await send('POST', `/api/registry/suspense/${problem?.id}/accept`, registrar);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', tumourId: expect.any(String) });
    const tumour = await send('GET', `/api/registry/tumours/${accepted.json().tumourId}`, registrar);
    expect(tumour.json().patientItems).toMatchObject({
      nameLast: 'Casefind',
      dateOfBirth: '19610412',
      sexAssignedAtBirth: '2',
    });
    expect(tumour.json().items.dateOf1stContact).toBe('20260120');
    const twice = await send('POST', `/api/registry/suspense/${problem?.id}/accept`, registrar);
    expect(twice.statusCode).toBe(409);
    const merged = await send('POST', `/api/registry/suspense/${path?.id}/merge`, registrar, {
      tumourId: accepted.json().tumourId,
    });
    expect(merged.json()).toMatchObject({ status: 'merged', tumourId: accepted.json().tumourId });
  });

  it('marks a hit not reportable with a reason; the coder may not see or run case finding', async () => {
    t.clock.advanceMinutes(5);
    await record('history', 'problem', { description: 'Lymphoma', code: 'C85.90', status: 'active' });
    await runCasefinding(job(), { trigger: 'test' });
    const open = (await send('GET', '/api/registry/suspense?status=open', registrar)).json().items;
    expect(open).toHaveLength(1);
    const nr = await send('POST', `/api/registry/suspense/${open[0].id}/not-reportable`, registrar, {
      reason: 'History only, treated elsewhere in 2009',
    });
    expect(nr.json()).toMatchObject({ status: 'not_reportable', resolutionReason: /History only/ });
    expect((await send('GET', '/api/registry/suspense', coder)).statusCode).toBe(403);
    expect((await send('POST', '/api/registry/casefind', coder, {})).statusCode).toBe(403);
    const run = await send('POST', '/api/registry/casefind', registrar, {});
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ new: 0 });
  });

  it('keeps the reportable list as editable data', async () => {
    const list = await send('GET', '/api/registry/reportable-rules', registrar);
    expect(list.json().items.some((r: { from: string }) => r.from === 'C00')).toBe(true);
    const add = await send('POST', '/api/registry/reportable-rules', registrar, {
      codeSystem: 'icd10cm',
      from: 'D3A',
      to: 'D3A',
      action: 'include',
      fromYear: 2026,
      toYear: null,
      note: 'Benign carcinoid tumours (registry-defined)',
    });
    expect(add.statusCode).toBe(200);
    expect((await send('POST', '/api/registry/reportable-rules', coder, add.json())).statusCode).toBe(403);
  });
});
