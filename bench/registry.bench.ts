import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { cliContext } from '../src/kernel/cli-context.ts';
import { runCasefinding } from '../src/registry/casefind.service.ts';
import { loadDictionary } from '../src/registry/dictionary.service.ts';
import { exportNaaccr } from '../src/registry/export.service.ts';
import { importNaaccr } from '../src/registry/import.service.ts';
import { tumoursForAnalysis } from '../src/registry/index.ts';
import { type Figure, report } from './lib.ts';
import { BENCH_SEED, openBenchDb, seedSyntheticTumours } from './registry-seed.ts';

/**
 * Cancer registry (issue 14): import of the 1,000-record NAACCR sample, export of 10,000 tumours as NAACCR
 * XML, and case finding over 100,000 chart entries (problem-list entries and pathology results, 1 in 20
 * reportable). Data from CHARTKEEPER_DATA (default /work/shared/data).
 */
const DATA = process.env.CHARTKEEPER_DATA ?? '/work/shared/data';
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const say = (line: string) => process.stderr.write(`  ${line}\n`);

export async function run(): Promise<Figure[]> {
  const bench = await openBenchDb('ck-bench-registry-');
  const { handle, deps } = bench;
  try {
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

    // The analysis read (issue 15, COPY-streamed) over the 10,000 imported tumours plus 100,000 from the
    // shared synthetic seed (the same rows bench/survival-db.bench.ts analyses, at a tenth of its size).
    await seedSyntheticTumours(handle, 100_000);
    t0 = performance.now();
    const read = await handle.db.transaction().execute((trx) => tumoursForAnalysis(ctx, trx, {}));
    const readSeconds = seconds(t0);
    say(`analysis read of ${read.length} tumours: ${readSeconds.toFixed(2)} s (BENCH_SEED ${BENCH_SEED})`);
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
      { name: `analysis read (COPY), ${read.length} tumours`, value: readSeconds, unit: 's' },
    ];
  } finally {
    await bench.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) report('registry', await run());
