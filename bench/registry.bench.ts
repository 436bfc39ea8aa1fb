import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
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
import { runCasefinding } from '../src/registry/casefind.service.ts';
import { loadDictionary } from '../src/registry/dictionary.service.ts';
import { exportNaaccr } from '../src/registry/export.service.ts';
import { importNaaccr } from '../src/registry/import.service.ts';
import { type Figure, report } from './lib.ts';

/**
 * Cancer registry (issue 14): import of the 1,000-record NAACCR sample, export of 10,000 tumours as NAACCR
 * XML, and case finding over 100,000 chart entries (problem-list entries and pathology results, 1 in 20
 * reportable). Data from CHARTKEEPER_DATA (default /work/shared/data).
 */
const DATA = process.env.CHARTKEEPER_DATA ?? '/work/shared/data';
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const say = (line: string) => process.stderr.write(`  ${line}\n`);

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-bench-registry-'));
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
    const ctx = { ...cliContext(deps), channel: 'job' as const };
    for (const v of ['250', '260'])
      await loadDictionary(
        ctx,
        readFileSync(path.join(DATA, 'naaccr/dictionaries', `naaccr-dictionary-${v}.xml`), 'utf8'),
      );
    const sample = gunzipSync(
      readFileSync(path.join(DATA, 'naaccr/samples/naaccr-xml-sample-v250-abstract-1000.xml.gz')),
    ).toString('utf8');

    let t0 = performance.now();
    const first = await importNaaccr(ctx, Readable.from([sample]));
    const importSeconds = seconds(t0);
    say(`import of the 1,000-record sample: ${importSeconds.toFixed(2)} s`);
    if (first.tumours !== 1000) throw new Error(`sample imported ${first.tumours} tumours`);
    // Nine more copies under other Patient ID Numbers make 10,000 tumours.
    for (let k = 1; k <= 9; k++) {
      const copy = sample.replace(
        /(<Item naaccrId="patientIdNumber">)(\d{8})</g,
        (_, open: string, n: string) => `${open}${k}${n.slice(1)}<`,
      );
      await importNaaccr(ctx, Readable.from([copy]));
    }
    say('10,000 tumours loaded');
    let bytes = 0;
    const sink = new Writable({
      write(chunk, _e, done) {
        bytes += chunk.length;
        done();
      },
    });
    t0 = performance.now();
    const exported = await exportNaaccr(ctx, sink, { version: '26', recordType: 'A' });
    const exportSeconds = seconds(t0);
    say(`export of ${exported.tumours} tumours: ${exportSeconds.toFixed(2)} s`);

    // 1,000 patients with 100 chart entries each: problems and pathology results, 1 in 20 reportable.
    await sql`
      insert into patient (mrn, family_name, given_name, birth_date, sex_at_birth, created_at, updated_at)
      select 'B' || g, 'Bench' || g, 'Pat', date '1960-01-01' + g, 'F', now(), now()
      from generate_series(1, 1000) g`.execute(handle.db);
    await sql`
      insert into chart_entry (patient_id, kind, data, created_by, created_at, updated_by, updated_at)
      select p.id,
             case when g % 2 = 0 then 'problem' else 'result' end,
             case when g % 2 = 0 then
                    jsonb_build_object('description', 'Problem ' || g, 'status', 'active',
                      'code', case when g % 20 = 0 then 'C50.911' else 'E11.9' end)
                  else
                    jsonb_build_object('code', '22637-3', 'name', 'Surgical pathology report', 'status', 'final',
                      'performedAt', '2026-01-10T10:00:00Z',
                      'valueText', case when g % 20 = 1 then 'Invasive ductal carcinoma, grade 2.'
                                        else 'Benign fibroadenoma. Negative for malignancy.' end)
             end,
             p.id, now(), p.id, now()
      from (select id, row_number() over (order by id) as n from patient where mrn like 'B%') p,
           generate_series(1, 100) g`.execute(handle.db);
    say('100,000 chart entries loaded');
    t0 = performance.now();
    const found = await runCasefinding(ctx, { trigger: 'bench' });
    const casefindSeconds = seconds(t0);
    return [
      {
        name: 'NAACCR import, 1,000-record abstract sample',
        value: importSeconds,
        unit: 's',
        target: '<= 3 s',
      },
      {
        name: `NAACCR export, ${exported.tumours} tumours (${(bytes / 1e6).toFixed(0)} MB, v26 record type A)`,
        value: exportSeconds,
        unit: 's',
        target: '<= 10 s',
      },
      {
        name: `case finding, ${found.screened} chart entries (${found.new} hits)`,
        value: casefindSeconds,
        unit: 's',
        target: '<= 30 s',
      },
    ];
  } finally {
    await handle.close();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) report('registry', await run());
