import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { createImportJob, runImportJob } from './import.service.ts';
import { collectInputs } from './inputs.ts';

const ROOT = existsSync('../shared/data/fhir-r4') ? '../shared/data/fhir-r4' : '/work/shared/data/fhir-r4';
const BUNDLES = `${ROOT}/synthea-bundles`;
const NDJSON = `${ROOT}/bulk-ndjson-10-patients`;
const KEPT = [
  'Patient',
  'Encounter',
  'Condition',
  'Observation',
  'Procedure',
  'MedicationRequest',
  'AllergyIntolerance',
  'Immunization',
  'DocumentReference',
  'Claim',
  'ExplanationOfBenefit',
];

/** Resources per type, counted straight from the sample files (the expected import counts). */
function countFromFiles(): Record<string, number> {
  const n: Record<string, number> = {};
  for (const f of readdirSync(BUNDLES).filter((x) => x.endsWith('.json')))
    for (const e of JSON.parse(readFileSync(`${BUNDLES}/${f}`, 'utf8')).entry)
      n[e.resource.resourceType] = (n[e.resource.resourceType] ?? 0) + 1;
  for (const f of readdirSync(NDJSON).filter((x) => x.endsWith('.ndjson.gz') && !x.startsWith('log')))
    for (const line of gunzipSync(readFileSync(`${NDJSON}/${f}`))
      .toString('utf8')
      .split('\n'))
      if (line.trim()) {
        const t = JSON.parse(line).resourceType;
        n[t] = (n[t] ?? 0) + 1;
      }
  return n;
}

let t: TestApp;
let ctx: RequestContext;
beforeAll(async () => {
  t = await buildTestApp();
  ctx = { ...t.deps, requestId: 'test', channel: 'cli', operator: 'cli:test' };
});
afterAll(() => t.close());

describe('FHIR bulk import of the Synthea samples', () => {
  it('imports all 12 bundles and the NDJSON sample with exact counts per type', async () => {
    const expected = countFromFiles();
    const files = await collectInputs([BUNDLES, NDJSON]);
    expect(files.map((f) => f.name)).not.toContain('log.ndjson.gz');
    const job = await createImportJob(ctx, files);
    const out = await runImportJob(ctx, job);
    for (const type of Object.keys(expected)) {
      const c = out.counts[type] ?? {};
      if (KEPT.includes(type))
        expect({ type, created: c.created ?? 0, rejected: c.rejected ?? 0 }).toEqual({
          type,
          created: expected[type],
          rejected: 0,
        });
      else expect({ type, skipped: c.skipped }).toEqual({ type, skipped: expected[type] });
    }
    const db = t.deps.db;
    const patients = await db
      .selectFrom('patient')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(patients.n)).toBe(expected.Patient);
    const entries = await db
      .selectFrom('chart_entry')
      .select('kind')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('kind')
      .execute();
    const byKind = Object.fromEntries(entries.map((e) => [e.kind, Number(e.n)]));
    expect(byKind.result).toBe(expected.Observation);
    expect(byKind.note).toBe(expected.DocumentReference);
    expect(byKind.immunization).toBe(expected.Immunization);
    expect(byKind.medication).toBe(expected.MedicationRequest);
  }, 300_000);

  it('re-importing the same files changes nothing and creates no duplicates', async () => {
    const job = await createImportJob(
      ctx,
      await collectInputs([`${BUNDLES}/Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json`]),
    );
    const out = await runImportJob(ctx, job);
    expect(out.counts.Patient).toEqual({ unchanged: 1 });
    expect(Object.values(out.counts).every((c) => !c.created && !c.rejected)).toBe(true);
  }, 120_000);
});
