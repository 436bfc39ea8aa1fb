import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { remitFor, submittedClaim } from '../../../test/remit-fixtures.ts';
import { importRemit } from '../../billing/remit/remit.service.ts';
import { cliContext } from '../../kernel/cli-context.ts';

/**
 * The CapabilityStatement lists exactly what works (issue 8): every declared interaction and search
 * parameter of every resource is called here and must answer.
 */
let t: TestApp;
let user: TestUser;
let physician: TestUser;
const idOf: Record<string, string> = {};

const FHIR = { 'content-type': 'application/fhir+json' };
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: user.headers });
const send = (method: 'POST' | 'PUT', url: string, body: unknown) =>
  t.app.inject({ method, url, payload: JSON.stringify(body), headers: { ...user.headers, ...FHIR } });
async function created(type: string, body: Record<string, unknown>): Promise<string> {
  const res = await send('POST', `/fhir/${type}`, { resourceType: type, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

function upload(patientId: string) {
  const b = 'ckcap42';
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const field = (k: string, v: string) =>
    `--${b}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(
      field('documentType', 'lab_report') + field('serviceDate', '2026-02-27') + field('title', 'Panel'),
    ),
    Buffer.from(
      `--${b}\r\ncontent-disposition: form-data; name="file"; filename="x"\r\ncontent-type: application/pdf\r\n\r\n`,
    ),
    pdf,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/patients/${patientId}/documents`,
    payload,
    headers: { ...user.headers, 'content-type': `multipart/form-data; boundary=${b}` },
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  user = await createTestUser(t, ['him_clerk', 'privacy_officer', 'biller']);
  physician = await createTestUser(t, ['physician']);
  const pid = await created('Patient', {
    name: [{ family: 'Capability', given: ['Cass'] }],
    gender: 'female',
    birthDate: '1970-02-03',
    telecom: [{ system: 'phone', value: '617-555-0142' }],
  });
  idOf.Patient = pid;
  const subject = { reference: `Patient/${pid}` };
  idOf.Encounter = await created('Encounter', {
    status: 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    subject,
    participant: [{ individual: { reference: `Practitioner/${physician.id}` } }],
    period: { start: '2026-03-01T10:00:00Z' },
  });
  idOf.Condition = await created('Condition', { subject, code: { text: 'Hypertension' } });
  idOf.Observation = await created('Observation', {
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }], text: 'Glucose' },
    subject,
    effectiveDateTime: '2026-03-01T10:00:00Z',
    valueQuantity: { value: 5, unit: 'mmol/L' },
  });
  idOf.AllergyIntolerance = await created('AllergyIntolerance', {
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
      ],
    },
    code: { text: 'Latex' },
    patient: subject,
  });
  idOf.MedicationStatement = await created('MedicationStatement', {
    status: 'active',
    medicationCodeableConcept: { text: 'Lisinopril 10 mg' },
    subject,
    dosage: [{ text: '10 mg oral daily' }],
  });
  idOf.Coverage = await created('Coverage', {
    status: 'active',
    beneficiary: subject,
    subscriberId: 'M123',
    payor: [{ display: 'Example Health Plan' }],
    period: { start: '2026-01-01' },
  });
  const proc = await t.app.inject({
    method: 'POST',
    url: `/api/patients/${pid}/procedures`,
    payload: {
      kind: 'procedure',
      encounterId: idOf.Encounter,
      data: { description: 'Suture', code: '12001' },
    },
    headers: user.headers,
  });
  idOf.Procedure = proc.json().id;
  idOf.DocumentReference = (await upload(pid)).json().id;
  idOf.Binary = idOf.DocumentReference!;
  idOf.Practitioner = physician.id;
  idOf.Organization = (
    await t.deps.db
      .insertInto('access_facility')
      .values({ code: 'CAP', name: 'Capability Clinic' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  idOf.Provenance = `${idOf.Condition}-v1`;
  // Issue 13: a claim answered by an 835 (Claim, ClaimResponse and ExplanationOfBenefit).
  const claim = await submittedClaim(t, [{ code: '99213', modifiers: [], charge: 100 }]);
  await importRemit(cliContext(t.deps), remitFor([claim], { trace: 'CAP835' }), 'cap.835');
  idOf.Claim = claim.id;
  idOf.ExplanationOfBenefit = claim.id;
  idOf.ClaimResponse = (
    await t.deps.db
      .selectFrom('billing_remit_claim')
      .select('id')
      .where('claim_id', '=', claim.id)
      .executeTakeFirstOrThrow()
  ).id;
  idOf.AuditEvent = (await t.deps.db.selectFrom('audit_event').select('id').executeTakeFirstOrThrow()).id;
}, 120_000);
afterAll(() => t.close());

/** A value each search parameter accepts, by name (then by type). */
function sample(type: string, name: string, kind: string): string {
  const byName: Record<string, string> = {
    _id: idOf[type] ?? 'x',
    identifier: 'urn:chartkeeper:mrn|none',
    gender: 'female',
    phone: '6175550142',
    status: statusSample(type),
    'clinical-status': 'active',
    class: 'AMB',
    code: '2345-7',
    category: 'laboratory',
    outcome: '0',
    subtype: 'patient.read',
    agent: `Practitioner/${physician.id}`,
    target: `Condition/${idOf.Condition}`,
    request: `Claim/${idOf.Claim}`,
  };
  const byKind: Record<string, string> = {
    date: 'ge2000',
    string: 'c',
    reference: `Patient/${idOf.Patient}`,
    quantity: 'gt1',
    token: 'x',
  };
  return byName[name] ?? byKind[kind] ?? 'x';
}

function statusSample(type: string): string {
  const s: Record<string, string> = {
    Encounter: 'in-progress',
    Procedure: 'completed',
    Observation: 'final',
  };
  return s[type] ?? 'active';
}

const PATIENT_SCOPED = new Set([
  'Encounter',
  'Condition',
  'Observation',
  'Procedure',
  'MedicationStatement',
  'AllergyIntolerance',
  'DocumentReference',
  'Coverage',
  'Claim',
  'ClaimResponse',
  'ExplanationOfBenefit',
]);

describe('CapabilityStatement', () => {
  it('declares FHIR 4.0.1 and answers every interaction and search parameter it lists', async () => {
    const cs = (await t.app.inject({ method: 'GET', url: '/fhir/metadata' })).json();
    expect(cs.fhirVersion).toBe('4.0.1');
    const resources = cs.rest[0].resource as {
      type: string;
      interaction: { code: string }[];
      searchParam?: { name: string; type: string }[];
      operation?: { name: string }[];
    }[];
    const failures: string[] = [];
    for (const r of resources.filter((x) => x.type !== 'CodeSystem')) {
      const id = idOf[r.type];
      for (const { code } of r.interaction) {
        const res =
          code === 'read'
            ? await get(`/fhir/${r.type}/${id}`)
            : code === 'vread'
              ? await get(`/fhir/${r.type}/${id}/_history/1`)
              : code === 'history-instance'
                ? await get(`/fhir/${r.type}/${id}/_history`)
                : code === 'search-type'
                  ? await get(
                      `/fhir/${r.type}?${PATIENT_SCOPED.has(r.type) ? `patient=${idOf.Patient}` : r.type === 'Provenance' ? `target=Condition/${idOf.Condition}` : ''}`,
                    )
                  : code === 'create'
                    ? await send('POST', `/fhir/${r.type}`, { resourceType: r.type })
                    : await send('PUT', `/fhir/${r.type}/${id}`, { resourceType: r.type, id });
        const okay = ['create', 'update'].includes(code)
          ? [400, 412, 422].includes(res.statusCode) && res.json().resourceType === 'OperationOutcome'
          : res.statusCode === 200;
        if (!okay) failures.push(`${code} ${r.type}: ${res.statusCode}`);
      }
      for (const p of r.searchParam ?? []) {
        const scope = PATIENT_SCOPED.has(r.type) && p.name !== 'patient' ? `patient=${idOf.Patient}&` : '';
        const extra =
          r.type === 'Provenance' && p.name !== 'target' ? `target=Condition/${idOf.Condition}&` : '';
        const res = await get(
          `/fhir/${r.type}?${scope}${extra}${p.name}=${encodeURIComponent(sample(r.type, p.name, p.type))}`,
        );
        if (res.statusCode !== 200 || res.json().resourceType !== 'Bundle')
          failures.push(`search ${r.type}?${p.name}: ${res.statusCode}`);
      }
    }
    const match = await send('POST', '/fhir/Patient/$match', {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'resource',
          resource: {
            resourceType: 'Patient',
            name: [{ family: 'Capability', given: ['Cass'] }],
            gender: 'female',
            birthDate: '1970-02-03',
          },
        },
      ],
    });
    if (match.statusCode !== 200) failures.push(`$match: ${match.statusCode}`);
    expect(failures).toEqual([]);
  });
});
