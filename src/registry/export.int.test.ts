import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { registryTestApp } from '../../test/registry.ts';
import { sharedData } from '../../test/shared-data.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { dictionaryFor } from './dictionary.service.ts';
import { exportNaaccrFile } from './export.service.ts';
import { importNaaccrFile } from './import.service.ts';
import { type NaaccrPatientRecord, NaaccrReader } from './naaccr-reader.ts';

const sample = (name: string) => sharedData('naaccr', 'samples', name);
const xsd = readFileSync(sharedData('naaccr', 'xsd', 'naaccr_data_1.8.xsd'), 'utf8');

let t: TestApp;
let dir: string;
let registrar: TestUser;
let coder: TestUser;

async function validates(xml: string) {
  const r = await validateXML({
    xml: { fileName: 'export.xml', contents: xml },
    schema: { fileName: 'naaccr_data_1.8.xsd', contents: xsd },
    maxMemoryPages: 4096,
  });
  return r;
}

async function readBack(xml: string): Promise<NaaccrPatientRecord[]> {
  const ctx = cliContext(t.deps);
  const dicts = new Map([
    ['250', await dictionaryFor(ctx, '250')],
    ['260', await dictionaryFor(ctx, '260')],
  ]);
  const reader = new NaaccrReader((v) => dicts.get(v));
  return [...reader.write(xml), ...reader.end()];
}

beforeAll(async () => {
  t = await registryTestApp(['250', '260']);
  dir = await mkdtemp(path.join(tmpdir(), 'naaccr-export-'));
  registrar = await createTestUser(t, ['cancer_registrar']);
  coder = await createTestUser(t, ['coder']);
});
afterAll(() => t.close());

describe('NAACCR XML samples import with their exact record counts', () => {
  it.each([
    ['naaccr-xml-sample-v250-abstract-100.xml.gz', 90, 100],
    ['naaccr-xml-sample-v250-incidence-100.xml.gz', 93, 100],
    ['naaccr-xml-sample-v250-incidence-10.xml.gz', 10, 10],
    ['naaccr-xml-sample-v250-abstract-1000.xml.gz', 943, 1000],
    ['naaccr-xml-sample-v250-incidence-1000.xml.gz', 944, 1000],
  ])('%s: %i patients, %i tumours', async (file, patients, tumours) => {
    const r = await importNaaccrFile(cliContext(t.deps), sample(file));
    expect(r).toMatchObject({ patients, tumours, rejected: 0 });
  });
});

describe('NAACCR XML export', () => {
  it('writes record type A v25 that validates against the XSD and reads back item for item', async () => {
    const ctx = cliContext(t.deps);
    const out = path.join(dir, 'a-v25.xml');
    const r = await exportNaaccrFile(ctx, out, { version: '25', recordType: 'A' });
    const xml = await readFile(out, 'utf8');
    const v = await validates(xml);
    expect(v.errors).toEqual([]);
    expect(v.valid).toBe(true);
    const back = await readBack(xml);
    expect(back.every((p) => p.errors.length === 0)).toBe(true);
    expect(back.reduce((n, p) => n + p.tumours.length, 0)).toBe(r.tumours);
    const count = await t.deps.db
      .selectFrom('registry_tumour')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(r.tumours).toBe(Number(count.n));
    // Item for item: every stored tumour comes back with the same items (all are v25 abstract items).
    const stored = await t.deps.db
      .selectFrom('registry_tumour as t')
      .innerJoin('registry_patient as p', 'p.id', 't.registry_patient_id')
      .select(['p.patient_id_number', 'p.items as pitems', 't.tumor_record_number', 't.items'])
      .execute();
    const byKey = new Map(
      back.flatMap((p) =>
        p.tumours.map((tu) => [`${p.items.patientIdNumber}/${tu.tumorRecordNumber}`, { p, tu }]),
      ),
    );
    for (const s of stored) {
      const got = byKey.get(`${s.patient_id_number}/${s.tumor_record_number}`);
      expect(got, `${s.patient_id_number}/${s.tumor_record_number}`).toBeDefined();
      const { tumorRecordNumber: _, ...tu } = got?.tu ?? {};
      const { tumorRecordNumber: __, ...want } = s.items;
      expect(tu).toEqual(want);
      expect(got?.p.items).toEqual({ ...s.pitems, patientIdNumber: s.patient_id_number });
    }
    expect(r.skipped).toEqual([]);
    // The edits ran on every exported tumour; failures name the tumour and the item numbers.
    for (const f of r.editFailures) {
      expect(f.patientIdNumber).toMatch(/^\d+$/);
      expect(f.edits.length).toBeGreaterThan(0);
      for (const e of f.edits) expect(e.id).toMatch(/^REG\d{3}$/);
    }
    expect(r.editFailures.flatMap((f) => f.edits.flatMap((e) => e.items)).every((n) => n > 0)).toBe(true);
  });

  it('writes record type I v26: valid, incidence items only, sex as Sex Assigned at Birth', async () => {
    const ctx = cliContext(t.deps);
    const out = path.join(dir, 'i-v26.xml');
    const r = await exportNaaccrFile(ctx, out, { version: '26', recordType: 'I' });
    const xml = await readFile(out, 'utf8');
    expect((await validates(xml)).valid).toBe(true);
    expect(xml).toContain('naaccr-dictionary-260.xml');
    expect(xml).toContain('recordType="I"');
    expect(xml).not.toContain('naaccrId="sex"');
    expect(xml).toContain('naaccrId="sexAssignedAtBirth"');
    // Name, address and other confidential items are not in an incidence record.
    expect(xml).not.toContain('naaccrId="nameLast"');
    const back = await readBack(xml);
    expect(back.every((p) => p.errors.length === 0)).toBe(true);
    expect(back.reduce((n, p) => n + p.tumours.length, 0)).toBe(r.tumours);
  });

  it('selects by diagnosis year', async () => {
    const ctx = cliContext(t.deps);
    const year = await t.deps.db
      .selectFrom('registry_tumour')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where(({ ref }) => ref('items', '->>').key('dateOfDiagnosis' as never), 'like', '2019%')
      .executeTakeFirstOrThrow();
    const r = await exportNaaccrFile(ctx, path.join(dir, 'y.xml'), {
      version: '26',
      recordType: 'A',
      diagnosisYear: 2019,
    });
    expect(r.tumours).toBe(Number(year.n));
  });

  it('serves the export to the registrar and refuses the coder (audited)', async () => {
    const ok = await t.app.inject({
      method: 'GET',
      url: '/api/registry/export.xml?version=26&recordType=A&diagnosisYear=2020',
      headers: registrar.headers,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('application/xml');
    expect((await validates(ok.body)).valid).toBe(true);
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/registry/export.xml?version=26&recordType=A',
      headers: coder.headers,
    });
    expect(denied.statusCode).toBe(403);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', 'in', ['registry.export', 'access.denied'])
      .execute();
    expect(audit.some((a) => a.action === 'registry.export' && a.outcome === 'success')).toBe(true);
    expect(audit.some((a) => a.action === 'access.denied' && a.outcome === 'denied')).toBe(true);
  });
});
