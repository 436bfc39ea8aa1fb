import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertLabel } from '../access/patient-access.queries.ts';

let t: TestApp;
let clerk: TestUser;
let coder: TestUser;

const registration = (over: Record<string, unknown> = {}) => ({
  family: 'Okafor',
  given: 'William',
  middle: 'Tobi',
  birthDate: '1961-04-12',
  sexAtBirth: 'M',
  genderIdentity: 'man',
  ssn: '123-45-6789',
  email: 'w.okafor@example.org',
  preferredLanguage: 'en',
  race: ['black_or_african_american'],
  ethnicity: 'not_hispanic_or_latino',
  maritalStatus: 'married',
  phones: [{ use: 'mobile', number: '(555) 201-3344' }],
  address: { line1: '12 Elm Street', city: 'Springfield', state: 'MA', postalCode: '01101' },
  emergencyContact: { name: 'Ada Okafor', relationship: 'spouse', phone: '555-201-3345' },
  otherNames: [{ kind: 'alias', family: 'Okafur' }],
  identifiers: [{ kind: 'drivers_license', system: 'MA RMV', value: 'S12345678' }],
  coverage: [
    {
      priority: 'primary',
      payer: 'Synthetic Health Plan',
      plan: 'PPO Gold',
      memberId: 'SHP0001',
      groupNumber: 'G-77',
      subscriberName: 'William Okafor',
      relationship: 'self',
      effectiveFrom: '2025-01-01',
    },
  ],
  ...over,
});

const post = (url: string, user: TestUser, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: user.headers, payload: payload as object });

const auditActions = async (patientId: string) =>
  (
    await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where(sql<boolean>`patient_ids @> array[${patientId}]::uuid[]`)
      .orderBy('seq')
      .execute()
  ).map((e) => `${e.action}:${e.outcome}`);

beforeAll(async () => {
  t = await buildTestApp();
  clerk = await createTestUser(t, ['registration_clerk']);
  coder = await createTestUser(t, ['coder']);
});
afterAll(() => t.close());

describe('registration', () => {
  it('registers a patient with an MRN, masked SSN, coverage, version 1 and an audit event', async () => {
    const res = await post('/api/patients', clerk, registration());
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.mrn).toMatch(/^CK\d{8}$/);
    expect(p.ssnMasked).toBe('***-**-6789');
    expect(JSON.stringify(p)).not.toContain('123-45-6789');
    expect(p.coverage[0]).toMatchObject({ payer: 'Synthetic Health Plan', priority: 'primary' });
    expect(p.address).toMatchObject({ line1: '12 Elm Street', current: true });
    expect(p.version).toBe(1);
    const row = await t.deps.db
      .selectFrom('patient')
      .select(['ssn_enc'])
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.ssn_enc).not.toContain('6789');
    expect(await auditActions(p.id)).toEqual(['patient.create:success']);
  });

  it('reports every field at fault in one error and saves nothing', async () => {
    const before = await t.deps.db
      .selectFrom('patient')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const res = await post(
      '/api/patients',
      clerk,
      registration({
        family: '',
        birthDate: '1990-02-30',
        ssn: '12-345',
        phones: [{ use: 'home', number: 'call me' }],
      }),
    );
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    const fields = err.details.issues.map((i: { field: string }) => i.field).sort();
    expect(fields).toEqual(['birthDate', 'family', 'phones.0.number', 'ssn']);
    const after = await t.deps.db
      .selectFrom('patient')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('rejects a future date of birth using the request clock', async () => {
    const res = await post('/api/patients', clerk, registration({ birthDate: '2026-03-03' }));
    expect(res.json().error.details.issues).toEqual([
      { field: 'birthDate', message: 'The date of birth is in the future.' },
    ]);
  });

  it('refuses registration to a role without patient:write', async () => {
    const res = await post('/api/patients', coder, registration());
    expect(res.statusCode).toBe(403);
  });
});

describe('update and versions', () => {
  it('versions every change, keeps address history and answers 409 with what changed', async () => {
    const p = (
      await post(
        '/api/patients',
        clerk,
        registration({ family: 'Lindqvist', given: 'Maja', sexAtBirth: 'F' }),
      )
    ).json();
    const body = { ...registration({ family: 'Lindqvist', given: 'Maja', sexAtBirth: 'F' }), ssn: null };
    const moved = {
      ...body,
      address: { line1: '9 Harbor Road', city: 'Salem', state: 'MA', postalCode: '01970' },
    };
    const put = (payload: unknown) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/patients/${p.id}`,
        headers: clerk.headers,
        payload: payload as object,
      });
    const ok = await put({ ...moved, version: 1, reason: 'Patient moved' });
    expect(ok.statusCode).toBe(200);
    const v2 = ok.json();
    expect(v2.version).toBe(2);
    expect(v2.ssnMasked).toBe('***-**-6789');
    expect(v2.addressHistory).toHaveLength(2);
    expect(v2.addressHistory.find((a: { current: boolean }) => !a.current).validTo).toBe('2026-03-02');

    const stale = await put({ ...body, email: 'other@example.org', version: 1, reason: 'Stale edit' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: 2, changedFields: ['address'] },
    });

    const versions = (
      await t.app.inject({ method: 'GET', url: `/api/patients/${p.id}/versions`, headers: clerk.headers })
    ).json().versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({
      action: 'update',
      reason: 'Patient moved',
      changedFields: ['address'],
    });
  });

  it('adds identifiers and coverage, ends or voids coverage, and saves nothing when one id is foreign', async () => {
    const reg = registration({ family: 'Abernathy', given: 'Ruth', sexAtBirth: 'F' });
    const p = (await post('/api/patients', clerk, reg)).json();
    const other = (
      await post('/api/patients', clerk, registration({ family: 'Zeller', given: 'Otto' }))
    ).json();
    const base = { ...reg, ssn: null, version: 1, reason: 'New card at check-in' };
    const put = (payload: unknown) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/patients/${p.id}`,
        headers: clerk.headers,
        payload: payload as object,
      });
    const secondary = {
      ...reg.coverage[0],
      priority: 'secondary',
      payer: 'Northeast Mutual Care',
      memberId: 'NMC-9',
    };

    const foreign = await put({ ...base, addCoverage: [secondary], coverageInError: [other.coverage[0].id] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.issues[0].field).toBe('coverageInError');
    const unchanged = (await t.app.inject({ url: `/api/patients/${p.id}`, headers: clerk.headers })).json();
    expect(unchanged).toMatchObject({ version: 1, coverage: [{ memberId: 'SHP0001' }] });

    const ok = await put({
      ...base,
      addIdentifiers: [{ kind: 'other_mrn', system: 'St. Elsewhere', value: 'SE-4411' }],
      addCoverage: [secondary],
      endCoverage: [{ id: p.coverage[0].id, effectiveTo: '2026-02-28' }],
    });
    expect(ok.statusCode).toBe(200);
    const v2 = ok.json();
    expect(v2.version).toBe(2);
    expect(v2.identifiers.map((i: { value: string }) => i.value)).toEqual(['S12345678', 'SE-4411']);
    expect(v2.coverage).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ memberId: 'SHP0001', effectiveTo: '2026-02-28' }),
        expect.objectContaining({ memberId: 'NMC-9', priority: 'secondary' }),
      ]),
    );
    const voided = await put({
      ...base,
      version: 2,
      reason: 'Wrong card',
      coverageInError: [v2.coverage[1].id],
    });
    expect(voided.json().coverage).toHaveLength(1);
    const rows = await t.deps.db
      .selectFrom('patient_coverage')
      .select('status')
      .where('patient_id', '=', p.id)
      .execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'entered_in_error']);
  });
});

describe('search and matching', () => {
  let target: { id: string; mrn: string };
  beforeAll(async () => {
    target = (
      await post(
        '/api/patients',
        clerk,
        registration({
          family: 'Fitzgerald',
          given: 'Elizabeth',
          birthDate: '1975-06-21',
          sexAtBirth: 'F',
          ssn: '234-56-7890',
          phones: [{ use: 'home', number: '555-777-1212' }],
        }),
      )
    ).json();
  });
  const search = (qs: string) =>
    t.app.inject({ method: 'GET', url: `/api/patients?${qs}`, headers: clerk.headers });

  it('finds a patient by partial, misspelled and phonetic name with date of birth', async () => {
    for (const name of ['Fitz', 'Fitzgerld', 'Fitsgerald, Liz']) {
      const res = await search(`name=${encodeURIComponent(name)}&birthDate=1975-06-21`);
      expect(res.statusCode).toBe(200);
      expect(
        res.json().items.map((i: { id: string }) => i.id),
        name,
      ).toContain(target.id);
    }
  });

  it('finds by MRN, phone, and SSN (full or last four, in a POST body)', async () => {
    expect((await search(`mrn=${target.mrn}`)).json().items[0].id).toBe(target.id);
    expect((await search('phone=5557771212')).json().items[0].id).toBe(target.id);
    for (const ssn of ['234-56-7890', '7890']) {
      const res = await post('/api/patients/search', clerk, { ssn });
      expect(res.json().items.map((i: { id: string }) => i.id)).toContain(target.id);
    }
  });

  it('audits every displayed patient in one search event', async () => {
    await search('name=Fitzgerald');
    expect(
      (await auditActions(target.id)).filter((a) => a === 'patient.search:success').length,
    ).toBeGreaterThan(0);
  });

  it('masks restricted patients in results', async () => {
    const vip = (
      await post(
        '/api/patients',
        clerk,
        registration({ family: 'Fitzgerald', given: 'Ronan', birthDate: '1980-01-01' }),
      )
    ).json();
    await insertLabel(t.deps.db, {
      patient_id: vip.id,
      label: 'confidential',
      note: null,
      created_at: t.clock.now(),
      created_by: null,
    });
    const item = (await search('name=Fitzgerald')).json().items.find((i: { id: string }) => i.id === vip.id);
    expect(item).toMatchObject({ restricted: true, name: null, birthDate: null });
  });

  it('shows likely matches with score and reasons before registering', async () => {
    const res = await post('/api/patients/match-candidates', clerk, {
      family: 'Fitzgerald',
      given: 'Liz',
      birthDate: '1975-06-21',
      sexAtBirth: 'F',
      phones: [{ number: '5557771212' }],
      memberIds: ['shp-0001'],
    });
    expect(res.statusCode).toBe(200);
    const top = res.json().candidates[0];
    expect(top.patient.id).toBe(target.id);
    expect(['certain', 'probable']).toContain(top.band);
    expect(top.fields.find((f: { field: string }) => f.field === 'given')).toMatchObject({
      outcome: 'partial',
      reason: 'nickname',
    });
    // The member id from the insurance card agrees regardless of case and dashes.
    expect(top.fields.find((f: { field: string }) => f.field === 'memberId')?.outcome).toBe('agree');
  });

  it('rejects an empty search with a coded error', async () => {
    expect((await search('')).json().error.code).toBe('VALIDATION_FAILED');
  });
});
