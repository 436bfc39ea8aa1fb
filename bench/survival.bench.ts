import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyseLifeTable, analyseSurvival } from '../src/registry/analytics/analysis.ts';
import { incidence, type PopulationRow } from '../src/registry/analytics/incidence.ts';
import { survivalInputFromCsv } from '../src/registry/analytics/survival-input.ts';
import type { Figure } from './lib.ts';

/**
 * Issue 15 speed figure: Kaplan–Meier + log-rank for BENCH_SURVIVAL cases (default 1,000,000) in 4 groups
 * from CSV, side by side with R's survfit + survdiff where Rscript is installed. Seeded synthetic data.
 */
const N = Number(process.env.BENCH_SURVIVAL ?? 1_000_000);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-surv-'));
  const file = path.join(dir, 'cases.csv');
  const r = rng(15);
  const lines = ['time,status,group'];
  for (let i = 0; i < N; i++) lines.push(`${Math.floor(r() * 3650)},${r() < 0.6 ? 1 : 0},${1 + (i % 4)}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const figures: Figure[] = [];
  try {
    const t0 = performance.now();
    const input = survivalInputFromCsv(readFileSync(file, 'utf8'), {
      time: 'time',
      status: 'status',
      group: 'group',
    });
    const t1 = performance.now();
    const result = analyseSurvival(input);
    const t2 = performance.now();
    figures.push(
      { name: `read + parse CSV (${N} cases)`, value: (t1 - t0) / 1000, unit: 's' },
      { name: 'KM + log-rank compute, 4 groups', value: (t2 - t1) / 1000, unit: 's', target: '≤ 0.8 s' },
      { name: 'log-rank chi-square (check)', value: result.logRank?.chiSquare ?? Number.NaN, unit: '' },
    );
    // Life table (yearly and monthly intervals, times in days) and incidence on the same number of cases.
    const t3 = performance.now();
    analyseLifeTable(input, { timeUnit: 'days', intervalMonths: 12 });
    const t4 = performance.now();
    analyseLifeTable(input, { timeUnit: 'days', intervalMonths: 1 });
    const t5 = performance.now();
    const cases = Array.from({ length: N }, (_x, i) => ({
      ageGroup: Math.floor(r() * 19),
      strata: { sex: String(1 + (i % 2)), year: String(2015 + (i % 5)) },
    }));
    const population: PopulationRow[] = [];
    for (const sex of ['1', '2'])
      for (let y = 2015; y < 2020; y++)
        for (let a = 0; a < 19; a++)
          population.push({ ageGroup: a, population: 500_000, strata: { sex, year: String(y) } });
    const t6 = performance.now();
    incidence(cases, population, { by: ['sex', 'year'] });
    const t7 = performance.now();
    figures.push(
      { name: 'actuarial life table, yearly intervals, 4 groups', value: (t4 - t3) / 1000, unit: 's' },
      { name: 'actuarial life table, monthly intervals, 4 groups', value: (t5 - t4) / 1000, unit: 's' },
      { name: `incidence by sex × year with suppression (${N} cases)`, value: (t7 - t6) / 1000, unit: 's' },
    );
    try {
      const rOut = execFileSync(
        'Rscript',
        [
          '-e',
          `suppressMessages(library(survival)); d <- read.csv("${file}"); t0 <- proc.time()[[3]]; f <- survfit(Surv(time, status) ~ group, data = d); s <- survdiff(Surv(time, status) ~ group, data = d); cat(proc.time()[[3]] - t0, s$chisq)`,
        ],
        { encoding: 'utf8' },
      ).trim();
      const [secs, chisq] = rOut.split(' ').map(Number);
      figures.push(
        { name: 'R survfit + survdiff compute (same data)', value: secs as number, unit: 's' },
        { name: 'R log-rank chi-square (check)', value: chisq as number, unit: '' },
      );
    } catch {
      figures.push({ name: 'R not installed: no side-by-side figure', value: 0, unit: '' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
