import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';

let t: TestApp;
let nurse: TestUser;
let patientId: string;

beforeAll(async () => {
  t = await buildTestApp();
  nurse = await createTestUser(t, ['nurse']);
  patientId = (await insertTestPatient(t)).id;
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, user = nurse) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: user.headers });
const get = (url: string, user = nurse) => t.app.inject({ method: 'GET', url, headers: user.headers });
const count = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('chart_entry')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('medical history entries', () => {
  it('records a problem, keeps version 1 and audits the write', async () => {
    const res = await post(`/api/patients/${patientId}/history`, {
      kind: 'problem',
      data: { description: 'Type 2 diabetes', code: 'e11.9', onsetDate: '2020-02-29', status: 'active' },
    });
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({ kind: 'problem', version: 1, data: { code: 'E11.9' }, enteredInError: false });
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'resource_id'])
      .where('action', '=', 'chart.entry.create')
      .execute();
    expect(audit.map((a) => a.resource_id)).toContain(e.id);
  });

  it('lists every field at fault in one VALIDATION_FAILED and saves nothing', async () => {
    const before = await count();
    const res = await post(`/api/patients/${patientId}/history`, {
      kind: 'problem',
      data: { description: '', code: 'XYZ', onsetDate: '2021-02-30', status: 'cured' },
    });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .error.details.issues.map((i: { field: string }) => i.field)
      .sort();
    expect(fields).toEqual(['data.code', 'data.description', 'data.onsetDate', 'data.status']);
    expect(await count()).toBe(before);
  });

  it('refuses a kind that belongs to another collection', async () => {
    const res = await post(`/api/patients/${patientId}/history`, {
      kind: 'medication',
      data: { drug: 'x', dose: '1', route: 'oral', frequency: 'daily', status: 'active' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].field).toBe('kind');
  });

  it('keeps a new version on correction and answers 409 with what changed on a stale edit', async () => {
    const created = (
      await post(`/api/patients/${patientId}/history`, {
        kind: 'social_history',
        data: { tobacco: 'current', alcohol: 'none' },
      })
    ).json();
    const put = (version: number, data: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/chart-entries/${created.id}`,
        headers: nurse.headers,
        payload: { version, reason: 'patient clarified', data },
      });
    const v2 = await put(1, { tobacco: 'former', alcohol: 'none' });
    expect(v2.statusCode).toBe(200);
    expect(v2.json().version).toBe(2);
    const stale = await put(1, { tobacco: 'never', alcohol: 'heavy' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: 2, changedFields: ['data'] },
    });
    const versions = (await get(`/api/chart-entries/${created.id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({ reason: 'patient clarified', changedFields: ['data'] });
    expect(versions[1].snapshot.data).toEqual({ tobacco: 'current', alcohol: 'none' });
  });

  it('marks an entry entered-in-error with a reason; it stays listed and frozen', async () => {
    const e = (
      await post(`/api/patients/${patientId}/history`, {
        kind: 'concern',
        data: { type: 'chief_complaint', patientWords: 'my chest feels tight when I climb stairs' },
      })
    ).json();
    const eie = await post(`/api/chart-entries/${e.id}/entered-in-error`, {
      version: 1,
      reason: 'wrong patient',
    });
    expect(eie.statusCode).toBe(200);
    expect(eie.json()).toMatchObject({
      enteredInError: true,
      enteredInErrorReason: 'wrong patient',
      version: 2,
    });
    const list = (await get(`/api/patients/${patientId}/history?kind=concern`)).json();
    expect(list.items.find((i: { id: string }) => i.id === e.id).enteredInError).toBe(true);
    const again = await post(`/api/chart-entries/${e.id}/entered-in-error`, { version: 2, reason: 'again' });
    expect(again.json().error.code).toBe('ENTERED_IN_ERROR');
    const versions = await t.deps.db
      .selectFrom('chart_version')
      .select('id')
      .where('entity_id', '=', e.id)
      .execute();
    expect(versions).toHaveLength(2);
  });

  it('refuses to change or delete version history in the database', async () => {
    await expect(sql`update chart_version set reason = 'x'`.execute(t.deps.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from chart_version`.execute(t.deps.db)).rejects.toThrow(/append-only/);
  });
});

describe('medications and allergies', () => {
  it('records a medication and a reconciliation with reviewer and time from the clock', async () => {
    const med = await post(`/api/patients/${patientId}/medications`, {
      kind: 'medication',
      data: {
        drug: 'Metformin 500 mg tablet',
        rxnormCode: '861007',
        dose: '500 mg',
        route: 'oral',
        frequency: 'twice daily',
        status: 'active',
      },
    });
    expect(med.statusCode).toBe(201);
    const rec = await post(`/api/patients/${patientId}/medications`, {
      kind: 'med_reconciliation',
      data: { note: 'reviewed with patient', reviewedBy: 'someone-else' },
    });
    expect(rec.json().data).toMatchObject({
      reviewedBy: nurse.username,
      reviewedAt: '2026-03-02T14:00:00.000Z',
    });
  });

  it('distinguishes not asked, no known allergies and allergies', async () => {
    const p = (await insertTestPatient(t)).id;
    const status = async () => (await get(`/api/patients/${p}/chart/banner`)).json().allergyStatus;
    expect(await status()).toBe('not_asked');
    await post(`/api/patients/${p}/allergies`, {
      kind: 'allergy_assertion',
      data: { assertion: 'no_known_allergies' },
    });
    expect(await status()).toBe('no_known_allergies');
    await post(`/api/patients/${p}/allergies`, {
      kind: 'allergy',
      data: {
        substance: 'Penicillin',
        reaction: 'hives',
        severity: 'moderate',
        criticality: 'high',
        status: 'active',
      },
    });
    expect(await status()).toBe('has_allergies');
  });
});

describe('access to the chart', () => {
  it('refuses writes without chart:write and reads without chart:read', async () => {
    const coder = await createTestUser(t, ['coder']);
    const biller = await createTestUser(t, ['biller']);
    const w = await post(
      `/api/patients/${patientId}/history`,
      { kind: 'problem', data: { description: 'x', status: 'active' } },
      coder,
    );
    expect(w.statusCode).toBe(403);
    expect((await get(`/api/patients/${patientId}/history`, coder)).statusCode).toBe(200);
    expect((await get(`/api/patients/${patientId}/chart`, biller)).statusCode).toBe(403);
  });

  it('refuses a clinician without a care relationship on a restricted record, and audits the refusal', async () => {
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
    const res = await get(`/api/patients/${p}/history`);
    expect(res.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('action', '=', 'patient.access_denied')
      .where(sql<boolean>`patient_ids @> array[${p}]::uuid[]`)
      .execute();
    expect(denied.map((d) => d.outcome)).toContain('denied');
  });
});

describe('whole chart and lookup', () => {
  it('reads the whole chart grouped by collection, audited once', async () => {
    const res = await get(`/api/patients/${patientId}/chart`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.banner.patientId).toBe(patientId);
    expect(body.collections.history.length).toBeGreaterThan(0);
    expect(body.collections.medications.map((m: { kind: string }) => m.kind).sort()).toEqual([
      'med_reconciliation',
      'medication',
    ]);
    const reads = await t.deps.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'chart.summary.read')
      .execute();
    expect(reads).toHaveLength(1);
  });

  it('finds a chart by exact MRN in a POST body and answers 404 without echoing it', async () => {
    const p = await insertTestPatient(t);
    const ok = await post('/api/chart/lookup', { mrn: p.mrn.toLowerCase() });
    expect(ok.json()).toEqual({ patientId: p.id });
    const missing = await post('/api/chart/lookup', { mrn: 'NOPE123' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('NOPE123');
  });
});

describe('the chart banner', () => {
  it('shows a restriction as the face sheet does: the nameable label, or only that one is set', async () => {
    const him = await createTestUser(t, ['him_clerk']);
    const p = (await insertTestPatient(t)).id;
    const banner = async () => (await get(`/api/patients/${p}/chart/banner`, him)).json();
    expect(await banner()).toMatchObject({ restricted: false, restrictions: [] });
    const restrict = (label: string) =>
      post(`/api/patients/${p}/restriction-labels`, { label, reason: 'Asked by the privacy office' }, him);
    expect((await restrict('confidential')).statusCode).toBe(200);
    expect(await banner()).toMatchObject({ restricted: true, restrictions: ['confidential'] });
    const face = (await get(`/api/patients/${p}`, him)).json();
    expect(face).toMatchObject({ restricted: true, restrictions: ['confidential'] });
  });
});
