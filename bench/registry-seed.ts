import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { appJobQueue, hooks } from '../src/app.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { loadConfig } from '../src/kernel/config.ts';
import type { AppDeps } from '../src/kernel/context.ts';
import { type DbHandle, openDb } from '../src/kernel/db.ts';
import { startEmbedded } from '../src/kernel/embedded-postgres.ts';
import { migrateUp } from '../src/kernel/migrate.ts';

/**
 * The one seed of the registry benchmarks (bench/registry.bench.ts, bench/survival-db.bench.ts): the same
 * embedded database set-up and the same synthetic tumours for a given BENCH_SEED, so figures from the two
 * benchmarks (and from two runs) are about the same data. BENCH_SEED is PostgreSQL's setseed() value, in
 * [-1, 1].
 */
export const BENCH_SEED = Number(process.env.BENCH_SEED ?? 0.15);

export interface RegistryBenchDb {
  handle: DbHandle;
  deps: AppDeps;
  close(): Promise<void>;
}

/** An embedded, migrated PostgreSQL (fsync off: a benchmark's data is thrown away) and the app's deps. */
export async function openBenchDb(prefix: string): Promise<RegistryBenchDb> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const cluster = await startEmbedded({ dir, settings: { fsync: 'off', synchronous_commit: 'off' } });
  const handle = openDb(cluster.url('postgres'), 10);
  await migrateUp(handle.db);
  const deps: AppDeps = {
    config: loadConfig({ CHARTKEEPER_DATA_DIR: dir, LOG_LEVEL: 'silent' }),
    db: handle.db,
    pool: handle.pool,
    clock: systemClock,
    log: pino({ level: 'silent' }),
    dbMode: 'external',
    hooks,
    jobs: appJobQueue(handle.pool, pino({ level: 'silent' })),
  };
  return {
    handle,
    deps,
    close: async () => {
      await handle.close();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `n` synthetic tumours, one per registry patient (Patient ID Numbers from `firstId`), diagnosed 2010–2019
 * with 1–3,650 days of follow-up, 40 % dead, ages 40–84, breast or lung, Summary Stage 2018 1/2/3/7 in turn.
 * Seeded with SQL under `setseed(BENCH_SEED)`: importing a million NAACCR records is the import benchmark's
 * business, not the analysis one's.
 */
export async function seedSyntheticTumours(handle: DbHandle, n: number, firstId = 1): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    await sql`select setseed(${BENCH_SEED}::float8)`.execute(trx);
    await sql`create temp table seed on commit drop as
      select g, dx, dx + (1 + floor(random() * 3650))::int as lc,
             case when random() < 0.6 then '0' else '1' end as vital,
             (40 + floor(random() * 45))::int as age
      from (select g, date '2010-01-01' + floor(random() * 3650)::int as dx
            from generate_series(${firstId}::int, ${firstId + n - 1}::int) g) s`.execute(trx);
    await sql`insert into registry_patient (patient_id_number, items, created_at, updated_at)
      select lpad(g::text, 9, '0'),
             jsonb_build_object('sex', (1 + g % 2)::text, 'vitalStatus', vital,
               'dateOfLastContact', to_char(lc, 'YYYYMMDD'), 'dateOfBirth', '19500101'),
             now(), now()
      from seed`.execute(trx);
    await sql`insert into registry_tumour (registry_patient_id, tumor_record_number, dictionary_version,
        items, status, source, created_by, created_at, updated_by, updated_at)
      select p.id, '01', '250',
             jsonb_build_object('primarySite', case when s.g % 3 = 0 then 'C509' else 'C341' end,
               'histologicTypeIcdO3', '8140', 'behaviorCodeIcdO3', '3',
               'dateOfDiagnosis', to_char(s.dx, 'YYYYMMDD'), 'ageAtDiagnosis', lpad(s.age::text, 3, '0'),
               'summaryStage2018', (array['1','2','3','7'])[1 + s.g % 4], 'classOfCase', '00'),
             'complete', 'bench', 'bench', now(), 'bench', now()
      from seed s join registry_patient p on p.patient_id_number = lpad(s.g::text, 9, '0')`.execute(trx);
  });
  await sql`analyze`.execute(handle.db);
}
