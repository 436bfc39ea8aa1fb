import { cliContext } from '../src/kernel/cli-context.ts';
import { survivalBody, survivalResponse } from '../src/registry/analytics/analytics.schemas.ts';
import { registrySurvival } from '../src/registry/analytics/analytics.service.ts';
import { tumoursForAnalysis } from '../src/registry/index.ts';
import { type Figure, report } from './lib.ts';
import { BENCH_SEED, openBenchDb, seedSyntheticTumours } from './registry-seed.ts';

/**
 * Issue 15 speed figure "from the registry database to the API answer ≤ 2 s": BENCH_SURVIVAL_DB seeded
 * synthetic tumours (default 1,000,000, one per registry patient) in 4 stages, then POST
 * /api/registry/survival's work grouped by stage: the registry's COPY-streamed read of tumours and patients, the
 * survival cohort (dates, exclusions), Kaplan–Meier + log-rank, suppression, the audit rows, the response
 * schema and JSON. The tumours come from the registry benchmarks' shared seed (bench/registry-seed.ts).
 */
const N = Number(process.env.BENCH_SURVIVAL_DB ?? 1_000_000);
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const say = (line: string) => process.stderr.write(`  ${line}\n`);

export async function run(): Promise<Figure[]> {
  const bench = await openBenchDb('ck-bench-survdb-');
  const { handle, deps } = bench;
  try {
    let t0 = performance.now();
    await seedSyntheticTumours(handle, N);
    say(`${N} tumours seeded in ${seconds(t0).toFixed(1)} s (BENCH_SEED ${BENCH_SEED})`);

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
    await bench.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) report('survival-db', await run());
