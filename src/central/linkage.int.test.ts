import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser } from '../../test/auth.ts';
import { loadDictionary250, naaccrFile, person, tumour } from '../../test/central-naaccr-fixtures.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { linkPending } from './linkage.service.ts';
import { centralStats, registryPersons } from './persons.service.ts';
import { addSource } from './sources.service.ts';

let t: TestApp;

const withoutNumbers = ({ socialSecurityNumber: _s, telephone: _t, ...rest }: Record<string, string>) => rest;
const tokens: Record<string, string> = {};

const submit = async (code: string, xml: string) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/central/submissions',
    headers: { 'content-type': 'application/xml', authorization: `Bearer ${tokens[code]}` },
    payload: xml,
  });
  expect(res.statusCode).toBe(200);
  expect(res.json().errors).toEqual([]);
  return res.json();
};

const recordsOf = async () =>
  (await registryPersons(cliContext(t.deps)))
    .map((p) => p.records.map((r) => `${r.source}:${r.patientIdNumber}`).join(' '))
    .sort();

beforeAll(async () => {
  t = await buildTestApp({ env: { CHARTKEEPER_MODE: 'central' } });
  await loadDictionary250(t.deps);
  const ctx = cliContext(t.deps);
  for (const code of ['HOSPA', 'HOSPB', 'LAB'])
    tokens[code] = (await addSource(ctx, { code, name: code })).token;
});
afterAll(() => t.close());

describe('central person linkage', () => {
  it('links the same person reported by two sources, and keeps different people apart', async () => {
    await submit(
      'HOSPA',
      naaccrFile([
        { items: person(), tumours: [tumour()] },
        {
          items: person({
            patientIdNumber: '00000002',
            nameLast: 'Brightwater',
            nameFirst: 'Odell',
            dateOfBirth: '19410902',
            sex: '1',
            socialSecurityNumber: '223456781',
            telephone: '3145550199',
          }),
          tumours: [tumour({ primarySite: 'C619', histologicTypeIcdO3: '8140', laterality: '0' })],
        },
      ]),
    );
    // Hospital B numbers the same woman differently and mistyped a digit of her birth date.
    await submit(
      'HOSPB',
      naaccrFile([
        { items: person({ patientIdNumber: '00000077', dateOfBirth: '19580411' }), tumours: [tumour()] },
      ]),
    );
    const tally = await linkPending(cliContext(t.deps));
    expect(tally).toEqual({ linked: 1, sameNumber: 0, review: 0, newPersons: 2, consolidated: 2 });
    expect(await recordsOf()).toEqual(['HOSPA:00000001 HOSPB:00000077', 'HOSPA:00000002']);
  });

  it('is safe to re-run: nothing pending links nothing', async () => {
    const tally = await linkPending(cliContext(t.deps));
    expect(tally).toEqual({ linked: 0, sameNumber: 0, review: 0, newPersons: 0, consolidated: 0 });
    expect((await registryPersons(cliContext(t.deps))).length).toBe(2);
  });

  it('links a birth date with day and month swapped automatically when the SSN agrees', async () => {
    await submit(
      'LAB',
      naaccrFile([
        {
          items: person({ patientIdNumber: '00000101', dateOfBirth: '19581103' }),
          tumours: [],
        },
      ]),
    );
    const tally = await linkPending(cliContext(t.deps));
    expect(tally.linked).toBe(1);
    expect(await recordsOf()).toContain('HOSPA:00000001 HOSPB:00000077 LAB:00000101');
  });

  it('sends a look-alike with nothing to corroborate it to clerical review (not linked)', async () => {
    // Same names and birth date, but no SSN or phone: the matcher will not call it certain.
    await submit(
      'LAB',
      naaccrFile([
        {
          items: withoutNumbers(person({ patientIdNumber: '00000102', nameFirst: 'Marisel' })),
          tumours: [],
        },
      ]),
    );
    const tally = await linkPending(cliContext(t.deps));
    expect(tally).toEqual({ linked: 0, sameNumber: 0, review: 1, newPersons: 0, consolidated: 0 });
    expect((await recordsOf()).join(' ')).not.toContain('LAB:00000102');
    const review = await t.deps.db.selectFrom('central_review').selectAll().executeTakeFirstOrThrow();
    expect(review.status).toBe('pending');
    expect((review.fields as { field: string }[]).map((f) => f.field)).toContain('birthDate');
    expect((await centralStats(cliContext(t.deps))).reviewPending).toBe(1);
  });

  it("follows a source's correction to the person its original was linked to", async () => {
    await submit(
      'HOSPA',
      naaccrFile([{ items: person({ nameLast: 'Quillfeather-Ames' }), tumours: [tumour()] }]),
    );
    const tally = await linkPending(cliContext(t.deps));
    expect(tally.sameNumber).toBe(1);
    // The superseded record no longer counts; the corrected one stands in its place.
    expect(await recordsOf()).toContain('HOSPA:00000001 HOSPB:00000077 LAB:00000101');
    expect(await centralStats(cliContext(t.deps))).toMatchObject({
      sources: 3,
      records: 5,
      persons: 2,
      reviewPending: 1,
    });
  });

  it('refuses linkage to a signed-in user without the registry write permission', async () => {
    const coder = await createTestUser(t, ['coder']);
    const res = await t.app.inject({ method: 'POST', url: '/api/central/link', headers: coder.headers });
    expect(res.statusCode).toBe(403);
    const stats = await t.app.inject({ method: 'GET', url: '/api/central/stats', headers: coder.headers });
    expect(stats.statusCode).toBe(403);
  });
});

describe('central consolidation', () => {
  it('consolidates one tumour from both hospitals, each item keeping its source and rule', async () => {
    const persons = await registryPersons(cliContext(t.deps));
    const shared = persons.find((p) => p.records.length === 3)!;
    expect(shared.tumours).toBe(1);
    const tumour = await t.deps.db
      .selectFrom('central_tumour')
      .selectAll()
      .where('person_id', '=', shared.personId)
      .executeTakeFirstOrThrow();
    expect(tumour.primary_site).toBe('C504');
    expect(tumour.items.histologicTypeIcdO3).toMatchObject({ value: '8500', reason: 'all sources agree' });
    const reports = await t.deps.db
      .selectFrom('central_tumour_report')
      .select('record_id')
      .where('tumour_id', '=', tumour.id)
      .execute();
    expect(reports).toHaveLength(2);
  });

  it('takes histology from the pathology laboratory and keeps a new primary apart', async () => {
    await submit(
      'LAB',
      naaccrFile([
        {
          items: person({ patientIdNumber: '00000101', dateOfBirth: '19581103' }),
          tumours: [
            tumour({ histologicTypeIcdO3: '8501', typeOfReportingSource: '3', dateOfDiagnosis: '20240601' }),
            tumour({ primarySite: 'C180', histologicTypeIcdO3: '8140', laterality: '0' }),
          ],
        },
      ]),
    );
    const tally = await linkPending(cliContext(t.deps));
    expect(tally.sameNumber).toBe(1);
    expect(tally.consolidated).toBe(1);
    const persons = await registryPersons(cliContext(t.deps));
    const shared = persons.find((p) => p.records.length === 3)!;
    expect(shared.tumours).toBe(2);
    const breast = await t.deps.db
      .selectFrom('central_tumour')
      .selectAll()
      .where('person_id', '=', shared.personId)
      .where('primary_site', '=', 'C504')
      .executeTakeFirstOrThrow();
    expect(breast.items.histologicTypeIcdO3).toMatchObject({ value: '8501', source: 'LAB' });
    expect(breast.items.histologicTypeIcdO3?.reason).toContain('pathology');
    // The earliest date of diagnosis of the three reports.
    expect(breast.items.dateOfDiagnosis).toMatchObject({ value: '20240601', source: 'LAB' });
    const consolidated = await t.deps.db
      .selectFrom('central_person')
      .select(['items', 'dirty'])
      .where('id', '=', shared.personId)
      .executeTakeFirstOrThrow();
    expect(consolidated.dirty).toBe(false);
    expect(consolidated.items.nameLast?.value).toBeTruthy();
  });
});
