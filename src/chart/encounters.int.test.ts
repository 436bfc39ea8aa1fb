import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';

let t: TestApp;
let nurse: TestUser;
let doctor: TestUser;
let patientId: string;

beforeAll(async () => {
  t = await buildTestApp();
  nurse = await createTestUser(t, ['nurse']);
  doctor = await createTestUser(t, ['physician']);
  patientId = (await insertTestPatient(t)).id;
});
afterAll(() => t.close());

const send = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object, user = nurse) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

const visit = (over: object = {}) => ({
  class: 'appointment',
  type: 'follow-up',
  startsAt: '2026-03-03T09:30:00Z',
  providerId: doctor.id,
  location: 'Clinic B',
  reason: 'diabetes review',
  ...over,
});

async function newEncounter(pid = patientId) {
  const res = await send('POST', `/api/patients/${pid}/encounters`, visit());
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('encounters', () => {
  it('walks scheduled → arrived → in progress → completed and refuses skipped steps', async () => {
    const e = await newEncounter();
    expect(e).toMatchObject({ status: 'scheduled', allowedTransitions: ['arrived', 'cancelled', 'no_show'] });
    const skip = await send('POST', `/api/encounters/${e.id}/status`, { status: 'completed', version: 1 });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.code).toBe('INVALID_STATUS_TRANSITION');
    let version = 1;
    for (const status of ['arrived', 'in_progress', 'completed']) {
      const res = await send('POST', `/api/encounters/${e.id}/status`, { status, version });
      expect(res.statusCode).toBe(200);
      version = res.json().version;
    }
    const cancel = await send('POST', `/api/encounters/${e.id}/status`, { status: 'cancelled', version });
    expect(cancel.statusCode).toBe(409);
    const history = (await send('GET', `/api/encounters/${e.id}/versions`)).json().items;
    expect(history.map((h: { reason: string | null }) => h.reason)).toEqual([
      'status completed',
      'status in_progress',
      'status arrived',
      null,
    ]);
  });

  it('records outcomes: results with derived abnormal flags, diagnoses and procedures on the encounter page', async () => {
    const e = await newEncounter();
    const result = (value: number) =>
      send('POST', `/api/patients/${patientId}/results`, {
        kind: 'result',
        encounterId: e.id,
        data: {
          code: '4548-4',
          name: 'Hemoglobin A1c',
          value,
          units: '%',
          referenceLow: 4,
          referenceHigh: 5.6,
          status: 'final',
          performedAt: '2026-03-03T09:45:00Z',
        },
      });
    expect((await result(8.1)).json().data.abnormalFlag).toBe('high');
    expect((await result(5.2)).json().data.abnormalFlag).toBe('normal');
    const dx = await send('POST', `/api/patients/${patientId}/diagnoses`, {
      kind: 'diagnosis',
      encounterId: e.id,
      data: { description: 'Type 2 diabetes, poorly controlled', primary: true },
    });
    expect(dx.statusCode).toBe(201);
    const page = (await send('GET', `/api/encounters/${e.id}`)).json();
    expect(page.outcomes.map((o: { kind: string }) => o.kind).sort()).toEqual([
      'diagnosis',
      'result',
      'result',
    ]);
    const trend = (await send('GET', `/api/patients/${patientId}/results?code=4548-4`)).json();
    expect(trend.total).toBe(2);
  });

  it('requires the encounter for visit outcomes and that it belongs to the patient', async () => {
    const other = (await insertTestPatient(t)).id;
    const e = await newEncounter(other);
    const none = await send('POST', `/api/patients/${patientId}/diagnoses`, {
      kind: 'diagnosis',
      data: { description: 'x', primary: false },
    });
    expect(none.json().error.details.issues[0].field).toBe('encounterId');
    const wrong = await send('POST', `/api/patients/${patientId}/diagnoses`, {
      kind: 'diagnosis',
      encounterId: e.id,
      data: { description: 'x', primary: false },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues[0].message).toMatch(/not an encounter of this patient/);
  });

  it('validates an inpatient stay as a whole and saves nothing on error', async () => {
    const before = await t.deps.db.selectFrom('chart_encounter').select('id').execute();
    const res = await send(
      'POST',
      `/api/patients/${patientId}/encounters`,
      visit({
        class: 'inpatient',
        dischargedAt: '2026-03-01T10:00:00Z',
        providerId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .error.details.issues.map((i: { field: string }) => i.field)
      .sort();
    expect(fields).toEqual(['dischargeDisposition', 'dischargedAt', 'providerId']);
    expect(await t.deps.db.selectFrom('chart_encounter').select('id').execute()).toHaveLength(before.length);
  });

  it('makes the provider a treating clinician who may open a restricted record', async () => {
    const p = (await insertTestPatient(t)).id;
    await t.deps.db
      .insertInto('access_patient_label')
      .values({
        patient_id: p,
        label: 'confidential',
        note: null,
        created_at: t.clock.now(),
        created_by: null,
      })
      .execute();
    const him = await createTestUser(t, ['him_clerk']);
    expect((await send('GET', `/api/patients/${p}/chart`, undefined, doctor)).statusCode).toBe(403);
    const res = await send('POST', `/api/patients/${p}/encounters`, visit(), him);
    expect(res.statusCode).toBe(201);
    expect((await send('GET', `/api/patients/${p}/chart`, undefined, doctor)).statusCode).toBe(200);
    const rel = await t.deps.db
      .selectFrom('access_care_relationship')
      .select(['kind', 'source'])
      .where('patient_id', '=', p)
      .executeTakeFirstOrThrow();
    expect(rel).toEqual({ kind: 'attending', source: `encounter:${res.json().id}` });
  });

  it('detects concurrent edits of an encounter outcome', async () => {
    const e = await newEncounter();
    const edit = (version: number, followUp: string) =>
      send('PUT', `/api/encounters/${e.id}`, {
        ...visit(),
        version,
        changeReason: 'outcome',
        disposition: 'home',
        followUp,
      });
    expect((await edit(1, 'return in 3 months')).statusCode).toBe(200);
    const stale = await edit(1, 'return in 6 weeks');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.changedFields).toEqual(['disposition', 'followUp']);
  });
});
