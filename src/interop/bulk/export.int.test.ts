import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { runExportToDir } from './export.service.ts';
import { createImportJob, runImportJob } from './import.service.ts';
import { collectInputs } from './inputs.ts';

const ROOT = existsSync('../shared/data/fhir-r4') ? '../shared/data/fhir-r4' : '/work/shared/data/fhir-r4';
const BUNDLES = [
  'Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json',
  'Lupe_Little_f8a42e66-8c03-4ee6-85e3-3817c2942de1.json',
].map((f) => `${ROOT}/synthea-bundles/${f}`);

let a: TestApp;
let b: TestApp;
const cli = (t: TestApp): RequestContext => ({
  ...t.deps,
  requestId: 'test',
  channel: 'cli',
  operator: 'cli:test',
});

/** The record of a database as comparable values: ids replaced by what they point at. */
async function snapshot(t: TestApp) {
  const db = t.deps.db;
  const patients = await db
    .selectFrom('patient')
    .select([
      'id',
      'family_name',
      'given_name',
      'middle_name',
      'birth_date',
      'sex_at_birth',
      'race',
      'ethnicity',
      'marital_status',
      'date_of_death',
      'postal_code',
    ])
    .orderBy('family_name')
    .execute();
  const key = new Map(patients.map((p) => [p.id, `${p.family_name}/${p.birth_date}`]));
  const encounters = await db
    .selectFrom('chart_encounter')
    .select(['id', 'patient_id', 'class', 'status', 'starts_at', 'data', 'entered_in_error'])
    .execute();
  const encKey = new Map(
    encounters.map((e) => [e.id, `${key.get(e.patient_id)}@${e.starts_at.toISOString()}`]),
  );
  const entries = await db
    .selectFrom('chart_entry')
    .select(['patient_id', 'kind', 'encounter_id', 'data', 'entered_in_error'])
    .execute();
  const billing = await db
    .selectFrom('billing_history_record')
    .select(['patient_id', 'resource_type'])
    .execute();
  const sort = (xs: string[]) => xs.sort();
  return {
    patients: patients.map(({ id: _id, ...p }) => p),
    encounters: sort(
      encounters.map((e) =>
        JSON.stringify([encKey.get(e.id), e.class, e.status, e.data, e.entered_in_error]),
      ),
    ),
    entries: sort(
      entries.map((e) =>
        JSON.stringify([
          key.get(e.patient_id),
          e.kind,
          e.encounter_id ? encKey.get(e.encounter_id) : null,
          e.data,
          e.entered_in_error,
        ]),
      ),
    ),
    billing: sort(billing.map((x) => `${key.get(x.patient_id)}:${x.resource_type}`)),
  };
}

beforeAll(async () => {
  [a, b] = await Promise.all([buildTestApp(), buildTestApp()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

describe('FHIR bulk export', () => {
  it('export then import into an empty database reproduces the same records', async () => {
    await runImportJob(cli(a), await createImportJob(cli(a), await collectInputs(BUNDLES)));
    const dir = await mkdtemp(path.join(tmpdir(), 'ck-export-'));
    const manifest = await runExportToDir(cli(a), dir, {});
    expect(manifest.output.find((o) => o.type === 'Patient')?.count).toBe(2);
    const firstLine = (await readFile(path.join(dir, 'Patient.ndjson'), 'utf8')).split('\n')[0]!;
    expect(JSON.parse(firstLine).resourceType).toBe('Patient');

    const out = await runImportJob(cli(b), await createImportJob(cli(b), await collectInputs([dir])));
    expect(Object.values(out.counts).every((c) => !c.rejected)).toBe(true);
    const [before, after] = [await snapshot(a), await snapshot(b)];
    expect(before.entries.length).toBeGreaterThan(100);
    expect(before.billing.length).toBeGreaterThan(10);
    expect(after.patients).toEqual(before.patients);
    expect(after.encounters).toEqual(before.encounters);
    expect(after.entries).toEqual(before.entries);
    expect(after.billing).toEqual(before.billing);
  }, 300_000);

  it('refuses unknown _type values and a malformed _since, naming each', async () => {
    await expect(
      runExportToDir(cli(a), '/tmp/ck-never', { types: ['Patient', 'Spaceship'] }),
    ).rejects.toMatchObject({
      code: 'EXPORT_UNKNOWN_TYPE',
      details: { issues: [{ field: '_type', message: 'Spaceship is not exported' }] },
    });
    await expect(runExportToDir(cli(a), '/tmp/ck-never', { since: 'yesterday' })).rejects.toMatchObject({
      code: 'EXPORT_BAD_SINCE',
    });
  });
});
