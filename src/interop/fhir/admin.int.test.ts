import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';

let t: TestApp;
let clerk: TestUser;
let privacy: TestUser;
let admin: TestUser;
let patientId: string;

const FHIR = { 'content-type': 'application/fhir+json' };
const get = (url: string, user = clerk) => t.app.inject({ method: 'GET', url, headers: user.headers });
const post = (url: string, body: unknown, user = clerk) =>
  t.app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { ...user.headers, ...FHIR } });

const person = {
  resourceType: 'Patient',
  name: [{ family: 'Matchwell', given: ['Robin'] }],
  gender: 'male',
  birthDate: '1961-09-30',
  telecom: [{ system: 'phone', value: '617-555-0177' }],
  address: [{ line: ['4 Sample Ct'], city: 'Boston', state: 'MA', postalCode: '02139' }],
};
const params = (resource: unknown, extra: object[] = []) => ({
  resourceType: 'Parameters',
  parameter: [{ name: 'resource', resource }, ...extra],
});

beforeAll(async () => {
  t = await buildTestApp();
  clerk = await createTestUser(t, ['registration_clerk']);
  privacy = await createTestUser(t, ['privacy_officer']);
  admin = await createTestUser(t, ['administrator']);
  patientId = (await post('/fhir/Patient', person)).json().id;
  await post('/fhir/Patient', {
    ...person,
    name: [{ family: 'Matchwell', given: ['Robyn'] }],
    birthDate: '1961-03-09',
    telecom: [],
  });
});
afterAll(() => t.close());

describe('Patient/$match', () => {
  it('returns scored candidates with the match grade; onlyCertainMatches and count are honoured', async () => {
    const res = await post('/fhir/Patient/$match', params(person));
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.entry[0].resource.id).toBe(patientId);
    expect(b.entry[0].search.score).toBeGreaterThan(0.5);
    expect(b.entry[0].search.score).toBeLessThanOrEqual(1);
    expect(b.entry[0].search.extension[0]).toEqual({
      url: 'http://hl7.org/fhir/StructureDefinition/match-grade',
      valueCode: 'certain',
    });
    // The match-weight waterfall: one field sub-extension per compared field, weight and reason each.
    const waterfall = b.entry[0].search.extension[1];
    expect(waterfall.url).toBe('https://chartkeeper.example.org/fhir/StructureDefinition/match-weight');
    const fields = waterfall.extension.filter((x: { url: string }) => x.url === 'field');
    expect(fields).toHaveLength(9);
    expect(fields[0].extension.map((x: { url: string }) => x.url)).toEqual([
      'code',
      'level',
      'weight',
      'reason',
    ]);
    expect(b.total).toBeGreaterThanOrEqual(2);
    const certain = (
      await post('/fhir/Patient/$match', params(person, [{ name: 'onlyCertainMatches', valueBoolean: true }]))
    ).json();
    expect(
      certain.entry.every(
        (e: { search: { extension: { valueCode: string }[] } }) =>
          e.search.extension[0]?.valueCode === 'certain',
      ),
    ).toBe(true);
    expect(
      (await post('/fhir/Patient/$match', params(person, [{ name: 'count', valueInteger: 1 }]))).json().total,
    ).toBe(1);
  });

  it('refuses a Parameters without a Patient and a role without patient:read', async () => {
    const bad = await post('/fhir/Patient/$match', { resourceType: 'Parameters', parameter: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issue[0].expression[0]).toContain('resource');
    expect((await post('/fhir/Patient/$match', params(person), admin)).statusCode).toBe(403);
  });
});

describe('AuditEvent (privacy officer only)', () => {
  it('the privacy officer reads the trail of a patient as AuditEvent resources, and that is audited', async () => {
    await get(`/fhir/Patient/${patientId}`);
    const b = (await get(`/fhir/AuditEvent?patient=Patient/${patientId}&outcome=0`, privacy)).json();
    expect(b.resourceType).toBe('Bundle');
    const events = b.entry.map(
      (e: { resource: { subtype: { code: string }[]; action: string } }) => e.resource,
    );
    expect(events.map((e: { subtype: { code: string }[] }) => e.subtype[0]?.code)).toContain('patient.read');
    const one = events[0] as { id: string };
    expect((await get(`/fhir/AuditEvent/${one.id}`, privacy)).json().resourceType).toBe('AuditEvent');
    const own = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_user_id', '=', privacy.id)
      .execute();
    expect(own.map((o) => o.action)).toEqual(
      expect.arrayContaining(['audit.fhir.search', 'audit.fhir.read']),
    );
  });

  it('other roles, even the administrator who may search the trail in the app, get 403 and are audited', async () => {
    for (const u of [admin, clerk]) {
      const res = await get('/fhir/AuditEvent', u);
      expect(res.statusCode).toBe(403);
      expect(res.json().issue[0].code).toBe('forbidden');
    }
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_user_id', '=', admin.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});

describe('Practitioner and Organization', () => {
  it('any signed-in user looks up practitioners by name', async () => {
    const b = (await get(`/fhir/Practitioner?name=${encodeURIComponent('Test registration')}`)).json();
    expect(b.entry.map((e: { resource: { id: string } }) => e.resource.id)).toContain(clerk.id);
    expect((await get(`/fhir/Practitioner/${admin.id}`)).json().resourceType).toBe('Practitioner');
    expect((await get('/fhir/Practitioner/not-a-user')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/fhir/Organization' })).statusCode).toBe(401);
  });
});
