import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { insertTestPatient } from '../../../test/factories.ts';

let t: TestApp;
let him: TestUser;
let physician: TestUser;
let clerk: TestUser;
let patientId: string;

const FHIR = { 'content-type': 'application/fhir+json' };
const get = (url: string, user = him) => t.app.inject({ method: 'GET', url, headers: user.headers });
const send = (
  method: 'POST' | 'PUT',
  url: string,
  body: unknown,
  user = him,
  extra: Record<string, string> = {},
) =>
  t.app.inject({
    method,
    url,
    payload: JSON.stringify(body),
    headers: { ...user.headers, ...FHIR, ...extra },
  });
const ids = (bundle: { entry?: { resource: { id: string }; search: { mode: string } }[] }) =>
  (bundle.entry ?? []).filter((e) => e.search.mode === 'match').map((e) => e.resource.id);

const condition = (code = 'E11.9') => ({
  resourceType: 'Condition',
  clinicalStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
  },
  category: [
    {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' },
      ],
    },
  ],
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }], text: 'Type 2 diabetes' },
  subject: { reference: `Patient/${patientId}` },
  onsetDateTime: '2020-02-03',
});
const observation = (value: number, at: string) => ({
  resourceType: 'Observation',
  status: 'final',
  category: [
    {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }],
    },
  ],
  code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }], text: 'Glucose' },
  subject: { reference: `Patient/${patientId}` },
  effectiveDateTime: at,
  valueQuantity: { value, unit: 'mg/dL' },
});

beforeAll(async () => {
  t = await buildTestApp();
  him = await createTestUser(t, ['him_clerk']);
  physician = await createTestUser(t, ['physician']);
  clerk = await createTestUser(t, ['registration_clerk']);
  patientId = (await insertTestPatient(t, { family: 'Chartfhir' })).id;
});
afterAll(() => t.close());

describe('Condition', () => {
  let id: string;
  it('creates, reads and searches by code, clinical-status and onset-date', async () => {
    const res = await send('POST', '/fhir/Condition', condition());
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect((await get(`/fhir/Condition/${id}`)).json()).toMatchObject({
      resourceType: 'Condition',
      subject: { reference: `Patient/${patientId}` },
    });
    const q = `/fhir/Condition?patient=Patient/${patientId}`;
    expect(ids((await get(`${q}&code=http://hl7.org/fhir/sid/icd-10-cm|E11.9`)).json())).toEqual([id]);
    expect(ids((await get(`${q}&code=I10`)).json())).toEqual([]);
    expect(ids((await get(`${q}&clinical-status=active&onset-date=ge2020-01`)).json())).toEqual([id]);
    expect(ids((await get(`${q}&clinical-status=resolved`)).json())).toEqual([]);
    expect(ids((await get(`${q}&onset-date=lt2020`)).json())).toEqual([]);
  });

  it('updates as a new version; history, vread and Provenance show each version', async () => {
    const body = { ...condition('E11.65'), id };
    expect((await send('PUT', `/fhir/Condition/${id}`, body)).statusCode).toBe(412);
    const upd = await send('PUT', `/fhir/Condition/${id}`, body, him, { 'if-match': 'W/"1"' });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().meta.versionId).toBe('2');
    const hist = (await get(`/fhir/Condition/${id}/_history`)).json();
    expect(
      hist.entry.map(
        (e: { resource: { code: { coding: { code: string }[] } } }) => e.resource.code.coding[0]?.code,
      ),
    ).toEqual(['E11.65', 'E11.9']);
    expect((await get(`/fhir/Condition/${id}/_history/1`)).json().code.coding[0].code).toBe('E11.9');
    const prov = (await get(`/fhir/Provenance?target=Condition/${id}`)).json();
    expect(prov.total).toBe(2);
    expect((await get(`/fhir/Provenance/${id}-v2`)).json()).toMatchObject({
      target: [{ reference: `Condition/${id}/_history/2` }],
    });
  });

  it('reports a missing subject with its FHIRPath, and a patient that does not exist as 422', async () => {
    const { subject: _s, ...noSubject } = condition();
    const bad = await send('POST', '/fhir/Condition', noSubject);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issue[0].expression[0]).toBe('Condition.subject');
    const ghost = { ...condition(), subject: { reference: 'Patient/00000000-0000-4000-8000-000000000000' } };
    const res = await send('POST', '/fhir/Condition', ghost);
    expect(res.statusCode).toBe(422);
    expect(res.json().issue[0].expression[0]).toBe('Condition.subject');
  });
});

describe('Observation, Encounter, AllergyIntolerance, MedicationStatement', () => {
  it('searches observations by code, date, value-quantity and category, sorted by date, with _include', async () => {
    for (const [v, at] of [
      [90, '2026-01-01T08:00:00Z'],
      [250, '2026-02-01T08:00:00Z'],
    ] as const)
      expect((await send('POST', '/fhir/Observation', observation(v, at))).statusCode).toBe(201);
    const q = `/fhir/Observation?patient=${patientId}`;
    const sorted = (await get(`${q}&code=http://loinc.org|2345-7&_sort=-date`)).json();
    expect(
      sorted.entry.map(
        (e: { resource: { valueQuantity: { value: number } } }) => e.resource.valueQuantity.value,
      ),
    ).toEqual([250, 90]);
    expect((await get(`${q}&value-quantity=gt100`)).json().total).toBe(1);
    expect((await get(`${q}&date=ge2026-02`)).json().total).toBe(1);
    expect((await get(`${q}&category=vital-signs`)).json().total).toBe(0);
    const inc = (await get(`${q}&_include=Observation:patient`)).json();
    expect(
      inc.entry.filter((e: { search: { mode: string } }) => e.search.mode === 'include')[0].resource.id,
    ).toBe(patientId);
  });

  it('creates a finished inpatient Encounter along the allowed transitions and finds it', async () => {
    const res = await send('POST', '/fhir/Encounter', {
      resourceType: 'Encounter',
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      subject: { reference: `Patient/${patientId}` },
      participant: [{ individual: { reference: `Practitioner/${physician.id}` } }],
      period: { start: '2026-03-01T10:00:00Z', end: '2026-03-03T10:00:00Z' },
      hospitalization: { dischargeDisposition: { text: 'Home' } },
      location: [{ location: { display: 'Ward 3' } }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'finished', class: { code: 'IMP' } });
    const q = `/fhir/Encounter?patient=${patientId}`;
    expect((await get(`${q}&status=finished&class=IMP&date=2026-03`)).json().total).toBe(1);
    expect((await get(`${q}&status=planned`)).json().total).toBe(0);
  });

  it('records allergies and medications and searches them by status', async () => {
    const allergy = await send('POST', '/fhir/AllergyIntolerance', {
      resourceType: 'AllergyIntolerance',
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
        ],
      },
      criticality: 'high',
      code: { text: 'Penicillin' },
      patient: { reference: `Patient/${patientId}` },
    });
    expect(allergy.statusCode, allergy.body).toBe(201);
    const med = await send('POST', '/fhir/MedicationStatement', {
      resourceType: 'MedicationStatement',
      status: 'active',
      medicationCodeableConcept: {
        coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '861007' }],
        text: 'Metformin 500 mg',
      },
      subject: { reference: `Patient/${patientId}` },
      dosage: [{ text: '500 mg oral twice daily', route: { text: 'oral' } }],
    });
    expect(med.statusCode, med.body).toBe(201);
    expect(
      (await get(`/fhir/AllergyIntolerance?patient=${patientId}&clinical-status=active`)).json().total,
    ).toBe(1);
    expect((await get(`/fhir/MedicationStatement?patient=${patientId}&status=active`)).json().total).toBe(1);
    expect((await get(`/fhir/MedicationStatement?patient=${patientId}&status=stopped`)).json().total).toBe(0);
  });

  it('answers a Patient search with _revinclude of the chart', async () => {
    const b = (
      await get(
        `/fhir/Patient?_id=${patientId}&_revinclude=Condition:patient&_revinclude=Observation:patient`,
      )
    ).json();
    const types = b.entry
      .filter((e: { search: { mode: string } }) => e.search.mode === 'include')
      .map((e: { resource: { resourceType: string } }) => e.resource.resourceType);
    expect(types.filter((x: string) => x === 'Observation')).toHaveLength(2);
    expect(types).toContain('Condition');
  });
});

describe('forbidden paths', () => {
  it('a role without chart:read gets 403 (audited) and chart searches name the patient', async () => {
    const res = await get(`/fhir/Condition?patient=${patientId}`, clerk);
    expect(res.statusCode).toBe(403);
    expect(res.json().resourceType).toBe('OperationOutcome');
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_user_id', '=', clerk.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.action)).toContain('access.denied');
    expect((await send('POST', '/fhir/Condition', condition(), clerk)).statusCode).toBe(403);
    expect((await get('/fhir/Observation?code=2345-7')).statusCode).toBe(400);
  });

  it('a restricted patient’s chart is withheld from searches and refused on read', async () => {
    const { id: hidden } = await insertTestPatient(t, { family: 'Sealedly' });
    await send('POST', '/fhir/Observation', {
      ...observation(100, '2026-01-05T08:00:00Z'),
      subject: { reference: `Patient/${hidden}` },
    });
    const obs = (await get(`/fhir/Observation?patient=${hidden}`)).json();
    const obsId = ids(obs)[0]!;
    await t.deps.db
      .insertInto('access_patient_label')
      .values({
        patient_id: hidden,
        label: 'psychotherapy',
        note: null,
        created_at: t.clock.now(),
        created_by: null,
      })
      .execute();
    const after = (await get(`/fhir/Observation?patient=${hidden}`)).json();
    expect(ids(after)).toEqual([]);
    expect(after.entry[0].resource.resourceType).toBe('OperationOutcome');
    expect((await get(`/fhir/Observation/${obsId}`)).statusCode).toBe(403);
    expect((await get(`/fhir/Observation/${obsId}`, physician)).statusCode).toBe(403);
  });
});
