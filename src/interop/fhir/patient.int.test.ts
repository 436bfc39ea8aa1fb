import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { insertTestPatient } from '../../../test/factories.ts';

let t: TestApp;
let clerk: TestUser;
let admin: TestUser;

const FHIR = { 'content-type': 'application/fhir+json' };
const get = (url: string, user = clerk) => t.app.inject({ method: 'GET', url, headers: user.headers });
const send = (
  method: 'POST' | 'PUT',
  url: string,
  body: unknown,
  user = clerk,
  extra: Record<string, string> = {},
) =>
  t.app.inject({
    method,
    url,
    payload: JSON.stringify(body),
    headers: { ...user.headers, ...FHIR, ...extra },
  });

/** A synthetic US Core patient (invented name, 555 phone). */
const newPatient = (family = 'Fhirtestson') => ({
  resourceType: 'Patient',
  extension: [
    {
      url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
      extension: [
        {
          url: 'ombCategory',
          valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2028-9', display: 'Asian' },
        },
        { url: 'text', valueString: 'Asian' },
      ],
    },
    { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'F' },
  ],
  identifier: [{ system: 'urn:oid:2.16.840.1.113883.4.3.25', value: 'S99887766' }],
  name: [{ use: 'official', family, given: ['Quinn'] }],
  gender: 'female',
  birthDate: '1985-07-14',
  telecom: [{ system: 'phone', value: '617-555-0199', use: 'home' }],
  address: [{ line: ['12 Sample Way'], city: 'Boston', state: 'MA', postalCode: '02139', country: 'US' }],
});

async function auditActions(userId: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_event')
    .select(['action', 'outcome'])
    .where('actor_user_id', '=', userId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => `${r.action}:${r.outcome}`);
}

beforeAll(async () => {
  t = await buildTestApp();
  clerk = await createTestUser(t, ['registration_clerk']);
  admin = await createTestUser(t, ['administrator']);
});
afterAll(() => t.close());

describe('FHIR Patient', () => {
  let id: string;

  it('creates through the patient index: 201, Location, ETag, MRN identifier, audit event', async () => {
    const res = await send('POST', '/fhir/Patient', newPatient());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const p = res.json();
    id = p.id;
    expect(res.headers.location).toContain(`/fhir/Patient/${id}/_history/1`);
    expect(res.headers.etag).toBe('W/"1"');
    expect(p.identifier[0]).toMatchObject({ system: 'urn:chartkeeper:mrn' });
    expect(p.extension.map((e: { url: string }) => e.url)).toContain(
      'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
    );
    expect(await auditActions(clerk.id)).toContain('patient.create:success');
  });

  it('reads, searches and updates with version awareness; history and vread show both versions', async () => {
    expect((await get(`/fhir/Patient/${id}`)).json()).toMatchObject({ id, birthDate: '1985-07-14' });
    const search = (await get('/fhir/Patient?family=fhirtest&birthdate=1985-07&gender=female')).json();
    expect(search).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(search.entry[0].resource.id).toBe(id);
    const changed = { ...newPatient(), id, birthDate: '1985-07-15' };
    expect(
      (await send('PUT', `/fhir/Patient/${id}`, changed, clerk, { 'if-match': 'W/"7"' })).statusCode,
    ).toBe(412);
    const upd = await send('PUT', `/fhir/Patient/${id}`, changed, clerk, { 'if-match': 'W/"1"' });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().meta.versionId).toBe('2');
    const hist = (await get(`/fhir/Patient/${id}/_history`)).json();
    expect(hist.entry.map((e: { resource: { birthDate: string } }) => e.resource.birthDate)).toEqual([
      '1985-07-15',
      '1985-07-14',
    ]);
    expect((await get(`/fhir/Patient/${id}/_history/1`)).json().birthDate).toBe('1985-07-14');
    expect((await get(`/fhir/Patient/${id}/_history/9`)).statusCode).toBe(404);
  });

  it('pages with _count and next links; _summary=count gives only the total', async () => {
    for (let i = 0; i < 3; i++)
      await insertTestPatient(t, { family: 'Pagerly', birthDate: `1990-01-0${i + 1}` });
    const page1 = (await get('/fhir/Patient?family=pagerly&_count=2&_sort=-birthdate')).json();
    expect(page1.total).toBe(3);
    expect(page1.entry.map((e: { resource: { birthDate: string } }) => e.resource.birthDate)).toEqual([
      '1990-01-03',
      '1990-01-02',
    ]);
    const next = page1.link.find((l: { relation: string }) => l.relation === 'next').url as string;
    const page2 = (await get(next.slice(next.indexOf('/fhir/')))).json();
    expect(page2.entry).toHaveLength(1);
    expect((await get('/fhir/Patient?family=pagerly&_summary=count')).json()).toEqual({
      resourceType: 'Bundle',
      type: 'searchset',
      total: 3,
    });
  });

  it('rejects invalid resources with one issue per problem and its FHIRPath; nothing is stored', async () => {
    const before = await t.deps.db
      .selectFrom('patient')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const bad = { ...newPatient(), gender: 'femal', birthDate: '1985-13-40', foo: 1 };
    const res = await send('POST', '/fhir/Patient', bad);
    expect(res.statusCode).toBe(400);
    const oo = res.json();
    expect(oo.resourceType).toBe('OperationOutcome');
    const paths = oo.issue.map((i: { expression: string[] }) => i.expression[0]).sort();
    expect(paths).toEqual(['Patient.birthDate', 'Patient.foo', 'Patient.gender']);
    expect(oo.issue.find((i: { expression: string[] }) => i.expression[0] === 'Patient.gender').code).toBe(
      'code-invalid',
    );
    const after = await t.deps.db
      .selectFrom('patient')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/fhir/Patient',
          payload: '{"resourceType":',
          headers: { ...clerk.headers, ...FHIR },
        })
      ).json().resourceType,
    ).toBe('OperationOutcome');
  });

  it('refuses a role without patient:read (403 OperationOutcome, audited) and unauthenticated calls (401)', async () => {
    const res = await get(`/fhir/Patient/${id}`, admin);
    expect(res.statusCode).toBe(403);
    expect(res.json().issue[0].code).toBe('forbidden');
    expect(await auditActions(admin.id)).toContain('access.denied:denied');
    expect((await t.app.inject({ method: 'GET', url: `/fhir/Patient/${id}` })).statusCode).toBe(401);
  });

  it('keeps restricted patients out: read 403 audited, search withholds them', async () => {
    const { id: vip } = await insertTestPatient(t, { family: 'Hiddenly' });
    await t.deps.db
      .insertInto('access_patient_label')
      .values({
        patient_id: vip,
        label: 'confidential',
        note: null,
        created_at: t.clock.now(),
        created_by: null,
      })
      .execute();
    expect((await get(`/fhir/Patient/${vip}`)).statusCode).toBe(403);
    expect(await auditActions(clerk.id)).toContain('patient.access_denied:denied');
    const search = (await get('/fhir/Patient?family=hiddenly')).json();
    expect(search.total).toBe(1);
    expect(search.entry.filter((e: { search: { mode: string } }) => e.search.mode === 'match')).toHaveLength(
      0,
    );
    expect(search.entry[0].resource.resourceType).toBe('OperationOutcome');
  });
});
