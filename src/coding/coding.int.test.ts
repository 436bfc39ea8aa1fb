import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import type { RequestContext } from '../kernel/context.ts';
import { listVersions } from './coding.queries.ts';
import { importCodeFile } from './import.service.ts';
import { readCodeFile } from './loaders/read-file.ts';
import { seedSampleIfEmpty } from './sample.service.ts';

let t: TestApp;
let ctx: RequestContext;
let coder: TestUser;
let admin: TestUser;
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: coder.headers });

beforeAll(async () => {
  t = await buildTestApp();
  ctx = { ...t.deps, requestId: 'test', channel: 'cli', operator: 'test' };
  expect(await seedSampleIfEmpty(ctx)).toBe(true);
  coder = await createTestUser(t, ['coder']);
  admin = await createTestUser(t, ['administrator']);
});
afterAll(() => t.close());

describe('sample code sets', () => {
  it('are seeded once, and the versions list shows their counts', async () => {
    expect(await seedSampleIfEmpty(ctx)).toBe(false);
    const res = await get('/api/codes/versions');
    expect(res.statusCode).toBe(200);
    const cm = res.json().versions.find((v: { system: string }) => v.system === 'icd10cm');
    expect(cm).toMatchObject({
      version: 'FY2026',
      effectiveFrom: '2025-10-01',
      effectiveTo: '2026-09-30',
      billable: 52,
      headers: 34,
    });
  });
});

describe('access', () => {
  it('requires sign-in for search and FHIR operations', async () => {
    for (const url of ['/api/codes/search?q=E11', '/fhir/CodeSystem/$lookup?system=x&code=E11']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });
  it('lets only code:admin load the sample, and audits the import', async () => {
    const asCoder = await t.app.inject({
      method: 'POST',
      url: '/api/codes/import-sample',
      headers: coder.headers,
    });
    expect(asCoder.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/codes/import-sample',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().imports.map((i: { status: string }) => i.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    const { rows } = await t.deps.pool.query(
      "select actor_username, resource_id, details from audit_event where action = 'codeset.import' order by occurred_at",
    );
    expect(rows.map((r) => r.resource_id)).toContain('icd10cm|FY2026');
    expect(rows.some((r) => r.actor_username === admin.username)).toBe(true);
  });
});

describe('GET /api/codes/search', () => {
  const search = async (q: string, extra = '') =>
    (await get(`/api/codes/search?q=${encodeURIComponent(q)}${extra}`)).json();
  it('finds a code by prefix with or without the dot, exact code first', async () => {
    for (const q of ['E11.9', 'e119']) {
      const r = await search(q);
      expect(r.mode).toBe('code');
      expect(r.items[0]).toMatchObject({ code: 'E119', display: 'E11.9', billable: true, validOnDate: true });
    }
    expect((await search('S02.0XXA')).items[0].code).toBe('S020XXA');
  });
  it('finds codes by word prefixes in any order', async () => {
    expect((await search('diab typ 2 kidn')).items[0]).toMatchObject({ code: 'E1122' });
    expect((await search('fx nasal bone initial')).items[0]).toMatchObject({
      code: 'S022XXA',
      display: 'S02.2XXA',
    });
    expect((await search('kidney type diabetes 2')).items[0].code).toBe('E1122');
  });
  it('expands clinical abbreviations', async () => {
    const r = await search('DM2');
    expect(r.expandedTerms).toEqual(['type', '2', 'diabetes', 'mellitus']);
    expect(r.items[0].billable).toBe(true);
    expect(r.items.map((i: { code: string }) => i.code)).toContain('E119');
    expect((await search('htn')).items[0].code).toBe('I10');
  });
  it('shows headers as such with their billable children, after billable codes', async () => {
    const r = await search('type 2 diabetes');
    const header = r.items.find((i: { code: string }) => i.code === 'E11');
    expect(header).toMatchObject({ header: true, billable: false });
    expect(header.billableChildren.map((c: { display: string }) => c.display)).toContain('E11.9');
    expect(r.items.findIndex((i: { header: boolean }) => i.header)).toBeGreaterThan(0);
  });
  it('says whether the code is valid on the date of service, and paginates', async () => {
    expect((await search('E11.9', '&date=2024-05-01')).items[0].validOnDate).toBe(false);
    const p1 = await search('diabetes', '&pageSize=2');
    const p2 = await search('diabetes', '&pageSize=2&page=2');
    expect(p1.total).toBeGreaterThan(4);
    expect(p1.items).toHaveLength(2);
    expect(p2.items[0].code).not.toBe(p1.items[0].code);
  });
  it('falls back to similar words for typing errors', async () => {
    const r = await search('diabetis kidny');
    expect(r.mode).toBe('similar');
    expect(r.items[0].code).toMatch(/^E112/); // type 2 diabetes with kidney complications
  });
  it('rejects an empty query with a coded error', async () => {
    const res = await get('/api/codes/search?q=');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('hierarchy and lookup', () => {
  it('browses chapter → category → code', async () => {
    const chapters = (await get('/api/codes/browse')).json();
    expect(chapters.nodes).toHaveLength(22);
    const ch4 = (await get('/api/codes/browse?parent=ch:4')).json();
    expect(ch4.nodes.map((n: { id: string }) => n.id)).toEqual(['E08', 'E10', 'E11']);
    const e11 = (await get('/api/codes/browse?parent=E11')).json();
    expect(e11.nodes.map((n: { label: string }) => n.label)).toEqual(['E11.2', 'E11.65', 'E11.9']);
    const s02 = (await get('/api/codes/browse?parent=S020')).json();
    expect(s02.nodes[0]).toMatchObject({ id: 'S020XXA', billable: true });
  });
  it('looks up one code, 404 for an unknown one', async () => {
    expect((await get('/api/codes/icd10cm/E11.9')).json()).toMatchObject({ code: 'E119', billable: true });
    const res = await get('/api/codes/icd10cm/E11.99');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('CODE_NOT_FOUND');
  });
});

describe('FHIR terminology operations', () => {
  const CM = 'http://hl7.org/fhir/sid/icd-10-cm';
  const param = (body: { parameter: { name: string }[] }, name: string) =>
    body.parameter.find((p) => p.name === name);
  it('$lookup returns a Parameters resource with the display, with or without the dot', async () => {
    for (const code of ['E11.9', 'E119']) {
      const res = await get(`/fhir/CodeSystem/$lookup?system=${encodeURIComponent(CM)}&code=${code}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/fhir\+json/);
      const body = res.json();
      expect(body.resourceType).toBe('Parameters');
      expect(param(body, 'display')).toEqual({
        name: 'display',
        valueString: 'Type 2 diabetes mellitus without complications',
      });
      expect(param(body, 'version')).toEqual({ name: 'version', valueString: 'FY2026' });
    }
  });
  it('$lookup of an unknown code is a 404 OperationOutcome', async () => {
    const res = await get(`/fhir/CodeSystem/$lookup?system=${encodeURIComponent(CM)}&code=E11.99`);
    expect(res.statusCode).toBe(404);
    expect(res.json().resourceType).toBe('OperationOutcome');
  });
  it('$validate-code answers true or false with a message, for CM, PCS and HCPCS', async () => {
    const v = async (system: string, code: string) =>
      (await get(`/fhir/CodeSystem/$validate-code?system=${encodeURIComponent(system)}&code=${code}`)).json();
    expect(param(await v(CM, 'S02.0XXA'), 'result')).toEqual({ name: 'result', valueBoolean: true });
    const bad = await v(CM, 'E11.99');
    expect(param(bad, 'result')).toEqual({ name: 'result', valueBoolean: false });
    expect(param(bad, 'message')).toBeDefined();
    expect(param(await v('http://www.cms.gov/Medicare/Coding/ICD10', '0DTJ4ZZ'), 'result')).toMatchObject({
      valueBoolean: true,
    });
    const hcpcs = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
    expect(param(await v(hcpcs, 'J1100'), 'result')).toMatchObject({ valueBoolean: true });
    const onDate = async (date: string) =>
      param(
        (
          await get(
            `/fhir/CodeSystem/$validate-code?system=${encodeURIComponent(hcpcs)}&code=J1100&date=${date}`,
          )
        ).json(),
        'result',
      );
    expect(await onDate('2020-06-01')).toMatchObject({ valueBoolean: true });
    expect(await onDate('2026-03-01')).toMatchObject({ valueBoolean: false }); // only the 2020 file is loaded
  });
  it('$validate-code takes the code system as url (R4), keeps system as an alias, refuses both differing', async () => {
    const q = (params: string) => get(`/fhir/CodeSystem/$validate-code?${params}&code=S02.0XXA`);
    const byUrl = await q(`url=${encodeURIComponent(CM)}`);
    expect(byUrl.statusCode).toBe(200);
    expect(param(byUrl.json(), 'result')).toEqual({ name: 'result', valueBoolean: true });
    const both = await q(`url=${encodeURIComponent(CM)}&system=${encodeURIComponent(CM)}`);
    expect(param(both.json(), 'result')).toEqual({ name: 'result', valueBoolean: true });
    const conflict = await q(
      `url=${encodeURIComponent(CM)}&system=${encodeURIComponent('http://www.ama-assn.org/go/cpt')}`,
    );
    expect(conflict.statusCode).toBe(400);
    expect(JSON.stringify(conflict.json())).toContain('CODE_SYSTEM_CONFLICT');
    const none = await get('/fhir/CodeSystem/$validate-code?code=S02.0XXA');
    expect(none.statusCode).toBe(400);
    expect(JSON.stringify(none.json())).toContain('CODE_SYSTEM_REQUIRED');
  });
  it('lists CodeSystem operations in the CapabilityStatement', async () => {
    const cs = (await get('/fhir/metadata')).json();
    const entry = cs.rest[0].resource.find((r: { type: string }) => r.type === 'CodeSystem');
    expect(entry.operation.map((o: { name: string }) => o.name)).toEqual(['lookup', 'validate-code']);
  });
});

describe('POST /api/codes/edits', () => {
  it('returns findings that tell the coder what to do', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/codes/edits',
      headers: coder.headers,
      payload: {
        dateOfService: '2026-03-01',
        patient: { ageYears: 70, sex: 'male' },
        inpatient: false,
        diagnoses: [
          { code: 'G63', sequence: 1 },
          { code: 'E11', sequence: 2 },
          { code: 'N80.00', sequence: 3 },
        ],
        procedures: [{ system: 'icd10pcs', code: '0DTJ4ZZ' }],
      },
    });
    expect(res.statusCode).toBe(200);
    const edits = res.json().findings.map((f: { edit: string }) => f.edit);
    expect(edits).toEqual(
      expect.arrayContaining(['MANIFESTATION_AS_PRINCIPAL', 'HEADER_CODE', 'SEX_CONFLICT']),
    );
  });
});

describe('import safety', () => {
  it('a garbled line rejects the whole file, names the line and changes nothing', async () => {
    const before = await listVersions(t.deps.db);
    const good = (await readCodeFile(path.resolve('src/coding/sample/icd10cm-fy2026-sample.txt'))).text.split(
      '\n',
    );
    good.splice(10, 0, '00042 E11\u0000garbled');
    const file = path.join(os.tmpdir(), `ck-bad-${process.pid}.txt`);
    writeFileSync(file, good.join('\n'));
    const { text, checksum } = await readCodeFile(file);
    await expect(
      importCodeFile(ctx, { kind: 'icd10cm', version: 'FY2026', text, checksum, sourceName: 'bad.txt' }),
    ).rejects.toMatchObject({
      code: 'CODE_IMPORT_REJECTED',
      message: expect.stringMatching(/line 11/),
    });
    expect(await listVersions(t.deps.db)).toEqual(before);
  });
});
