import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { appJobQueue, hooks } from '../src/app.ts';
import { createImportJob, runImportJob } from '../src/interop/bulk/import.service.ts';
import { collectInputs } from '../src/interop/bulk/inputs.ts';
import { mapResource } from '../src/interop/fhir/inbound/index.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { loadConfig } from '../src/kernel/config.ts';
import type { AppDeps } from '../src/kernel/context.ts';
import { migrateBehindKeyGate } from '../src/kernel/keyring.ts';
import { openRuntimeDatabase } from '../src/kernel/runtime-db.ts';
import type { Figure } from './lib.ts';

/**
 * FHIR bulk import throughput (issue 8: aim ≥ 2,000 resources/s): the 12 Synthea bundles plus the
 * 10-patient bulk NDJSON sample, and a generated set (BENCH_FHIR_RESOURCES, default 100,000: per patient
 * one Patient, 10 Encounters and 89 Observations, as NDJSON). Mapping alone is timed too, to show where
 * the time goes (mapping and validation in Node vs. the database writes).
 */
const N = Number(process.env.BENCH_FHIR_RESOURCES ?? 100_000);
const ROOT = existsSync('../shared/data/fhir-r4') ? '../shared/data/fhir-r4' : '/work/shared/data/fhir-r4';

function generate(dir: string, total: number): string[] {
  const patients = Math.ceil(total / 100);
  const p: string[] = [];
  const e: string[] = [];
  const o: string[] = [];
  for (let i = 0; i < patients; i++) {
    p.push(
      JSON.stringify({
        resourceType: 'Patient',
        id: `p${i}`,
        name: [{ family: `Bench${i}`, given: ['Synthetic'] }],
        gender: i % 2 ? 'female' : 'male',
        birthDate: `19${String(40 + (i % 60)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      }),
    );
    for (let k = 0; k < 10; k++) {
      const day = `2025-0${1 + (k % 9)}-1${k}`;
      e.push(
        JSON.stringify({
          resourceType: 'Encounter',
          id: `e${i}-${k}`,
          status: 'finished',
          class: { code: 'AMB' },
          type: [{ text: 'Office visit' }],
          subject: { reference: `Patient/p${i}` },
          period: { start: `${day}T09:00:00Z`, end: `${day}T09:30:00Z` },
        }),
      );
      for (let m = 0; m < (k === 9 ? 8 : 9); m++)
        o.push(
          JSON.stringify({
            resourceType: 'Observation',
            id: `o${i}-${k}-${m}`,
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
            subject: { reference: `Patient/p${i}` },
            encounter: { reference: `Encounter/e${i}-${k}` },
            effectiveDateTime: `${day}T09:0${m}:00Z`,
            valueQuantity: { value: 60 + m, unit: '/min' },
          }),
        );
    }
  }
  writeFileSync(path.join(dir, 'Patient.ndjson'), `${p.join('\n')}\n`);
  writeFileSync(path.join(dir, 'Encounter.ndjson'), `${e.join('\n')}\n`);
  writeFileSync(path.join(dir, 'Observation.ndjson'), `${o.join('\n')}\n`);
  return [...p, ...e, ...o];
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-bench-fhir-'));
  const config = loadConfig({ CHARTKEEPER_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const database = await openRuntimeDatabase(config, 'server');
  try {
    await migrateBehindKeyGate(database.db, config);
    const deps: AppDeps = {
      config,
      db: database.db,
      pool: database.pool,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      dbMode: database.mode,
      jobs: appJobQueue(database.pool, pino({ level: 'silent' })),
      hooks,
    };
    const ctx = cliContext(deps);
    const timed = async (paths: string[]) => {
      const job = await createImportJob(ctx, await collectInputs(paths));
      const t0 = performance.now();
      const out = await runImportJob(ctx, job);
      return { n: out.processed, seconds: (performance.now() - t0) / 1000 };
    };
    const synthea = await timed([`${ROOT}/synthea-bundles`, `${ROOT}/bulk-ndjson-10-patients`]);
    const gen = path.join(dir, 'generated');
    mkdirSync(gen);
    const lines = generate(gen, N);
    const t0 = performance.now();
    for (const l of lines) mapResource(JSON.parse(l), { today: '2026-03-02' });
    const mapSeconds = (performance.now() - t0) / 1000;
    const big = await timed([gen]);
    const again = await timed([gen]);
    return [
      { name: 'Synthea samples (12 bundles + NDJSON): resources', value: synthea.n, unit: 'resources' },
      {
        name: 'Synthea samples: import rate',
        value: synthea.n / synthea.seconds,
        unit: 'resources/s',
        target: '≥ 2000',
      },
      { name: `generated set: resources`, value: big.n, unit: 'resources' },
      {
        name: 'generated set: import rate (new records)',
        value: big.n / big.seconds,
        unit: 'resources/s',
        target: '≥ 2000',
      },
      {
        name: 'generated set: re-import rate (unchanged, skipped by hash)',
        value: again.n / again.seconds,
        unit: 'resources/s',
      },
      {
        name: 'generated set: parse + map + validate only (no database)',
        value: lines.length / mapSeconds,
        unit: 'resources/s',
      },
    ];
  } finally {
    await database.shutdown();
  }
}
