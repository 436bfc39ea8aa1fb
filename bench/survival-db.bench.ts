import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { appJobQueue, hooks } from '../src/app.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { loadConfig } from '../src/kernel/config.ts';
import type { AppDeps } from '../src/kernel/context.ts';
import { openDb } from '../src/kernel/db.ts';
import { startEmbedded } from '../src/kernel/embedded-postgres.ts';
import { migrateUp } from '../src/kernel/migrate.ts';
import { survivalBody, survivalResponse } from '../src/registry/analytics/analytics.schemas.ts';
import { registrySurvival } from '../src/registry/analytics/analytics.service.ts';
import { tumoursForAnalysis } from '../src/registry/index.ts';
import { type Figure, report } from './lib.ts';

/**
 * Issue 15 speed figure "from the registry database to the API answer ≤ 2 s": BENCH_SURVIVAL_DB seeded
 * synthetic tumours (default 1,000,000, one per registry patient) in 4 stages, then POST
 * /api/registry/survival's work grouped by stage: the registry's paged read of tumours and patients, the
 * survival cohort (dates, exclusions), Kaplan–Meier + log-rank, suppression, the audit rows, the response
 * schema and JSON. Rows are seeded with SQL (setseed) because importing a million NAACCR records is the
 * import benchmark's business, not this one's.
 */
const N = Number(process.env.BENCH_SURVIVAL_DB ?? 1_000_000);
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const say = (line: string) => process.stderr.write(`  ${line}\n`);

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-bench-survdb-'));
  const cluster = await startEmbedded({ dir, settings: { fsync: 'off', synchronous_commit: 'off' } });
  const handle = openDb(cluster.url('postgres'), 10);
  try {
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
    let t0 = performance.now();
    await handle.db.transaction().execute(async (trx) => {
      await sql`select setseed(0.15)`.execute(trx);
      await sql`create temp table seed on commit drop as
        select g, dx, dx + (1 + floor(random() * 3650))::int as lc,
               case when random() < 0.6 then '0' else '1' end as vital,
               (40 + floor(random() * 45))::int as age
        from (select g, date '2010-01-01' + floor(random() * 3650)::int as dx
              from generate_series(1, ${N}::int) g) s`.execute(trx);
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
    say(`${N} tumours seeded in ${seconds(t0).toFixed(1)} s`);

    const ctx = { ...cliContext(deps), channel: 'job' as const };
    const body = survivalBody.parse({ groupBy: 'summaryStage2018', timeUnit: 'days' });
    t0 = performance.now();
    const read = await tumoursForAnalysis(ctx, handle.db, {});
    const readSeconds = seconds(t0);
    say(`registry read alone: ${readSeconds.toFixed(2)} s (${read.length} tumours)`);
    const runs: number[] = [];
    let chi = Number.NaN;
    let points = 0;
    for (let k = 0; k < 3; k++) {
      t0 = performance.now();
      const answer = survivalResponse.parse(await registrySurvival(ctx, body));
      const json = JSON.stringify(answer);
      runs.push(seconds(t0));
      chi = answer.logRank?.chiSquare ?? Number.NaN;
      points = answer.groups.reduce((s, g) => s + g.points.length, 0);
      say(
        `run ${k + 1}: ${runs.at(-1)?.toFixed(2)} s, ${answer.cohort.analysed} analysed, ${(json.length / 1e6).toFixed(1)} MB`,
      );
    }
    return [
      {
        name: `DB → survival API answer, ${N} tumours by stage (best of 3)`,
        value: Math.min(...runs),
        unit: 's',
        target: '≤ 2 s',
      },
      { name: 'same, first run', value: runs[0] as number, unit: 's' },
      { name: 'points in the answer', value: points, unit: '' },
      { name: 'log-rank chi-square (check)', value: chi, unit: '' },
    ];
  } finally {
    await handle.close();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) report('survival-db', await run());
