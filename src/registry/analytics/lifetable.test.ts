import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data.ts';
import { analyseLifeTable } from './analysis.ts';
import { lifeTableOptions, lifeTableText } from './analytics.cli.ts';
import { expectedTableFromCsv } from './expected.ts';
import { lifeTable } from './lifetable.ts';
import { survivalInputFromCsv } from './survival-input.ts';

/** Golden files written by scripts/golden/lifetable.R (base-R implementation of the SEER formulas). */
interface GoldenRow {
  interval: number;
  alive: number;
  died: number;
  withdrawn: number;
  effective: number;
  survival: number;
  survivalStdErr: number;
  cumulative: number;
  cumulativeStdErr: number | null;
  expected?: number;
  expectedCumulative?: number;
  relative?: number;
  relativeCumulative?: number;
  relativeCumulativeStdErr?: number | null;
}
interface Golden {
  dataset: string;
  file: string;
  time: string;
  status: string;
  group: string;
  age: string | null;
  sex: string | null;
  year: string | null;
  diagnosisYear: number | null;
  runs: {
    intervalMonths: number;
    single: boolean;
    groups: { group: string; n: number; rows: GoldenRow[] }[];
  }[];
}

const here = import.meta.dirname;
const goldenDir = path.join(here, 'golden', 'lifetable');
const goldens: Golden[] = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(goldenDir, f), 'utf8')) as Golden);
const expectedCsv = readFileSync(path.join(here, 'data', 'expected-synthetic.csv'), 'utf8');
const fileOf = (g: Golden) =>
  g.file === 'synthetic-cohort.csv' ? path.join(here, 'data', g.file) : sharedData('survival', g.file);

const REL = 1e-9;
const close = (a: number | null | undefined, e: number | null | undefined) =>
  e === null || e === undefined
    ? a === null || a === undefined
    : typeof a === 'number' && (a === e || Math.abs(a - e) <= REL * Math.max(Math.abs(e), 1e-300));

const KEYS = [
  'alive',
  'died',
  'withdrawn',
  'effective',
  'survival',
  'survivalStdErr',
  'cumulative',
  'cumulativeStdErr',
  'expected',
  'expectedCumulative',
  'relative',
  'relativeCumulative',
  'relativeCumulativeStdErr',
] as const;

describe('actuarial life table and Ederer II relative survival equal the R reference', () => {
  it('covers the shared datasets and the synthetic cohort', () => {
    expect(goldens.map((g) => g.dataset).sort()).toEqual([
      'aml',
      'colon',
      'lung',
      'ovarian',
      'synthetic-cohort',
      'veteran',
    ]);
  });
  for (const g of goldens)
    for (const run of g.runs)
      it(`${g.dataset} ${run.single ? '~ 1' : `~ ${g.group}`} every ${run.intervalMonths} month(s)${g.age ? ' with Ederer II' : ''}`, () => {
        const extra = [g.age, g.sex, g.year].filter((c): c is string => c !== null);
        const input = survivalInputFromCsv(readFileSync(fileOf(g), 'utf8'), {
          time: g.time,
          status: g.status,
          group: run.single ? undefined : g.group,
          extra,
        });
        const expected =
          g.age && g.sex
            ? {
                table: expectedTableFromCsv(expectedCsv),
                age: (input.extra[g.age] ?? []).map(Number),
                sex: input.extra[g.sex] ?? [],
                year: g.year
                  ? (input.extra[g.year] ?? []).map(Number)
                  : input.time.map(() => g.diagnosisYear ?? 0),
              }
            : undefined;
        const r = analyseLifeTable(input, { timeUnit: 'days', intervalMonths: run.intervalMonths, expected });
        expect(r.groups.map((x) => [x.group, x.n])).toEqual(run.groups.map((x) => [x.group, x.n]));
        const problems: string[] = [];
        run.groups.forEach((rg, i) => {
          const rows = r.groups[i]?.rows ?? [];
          if (rows.length !== rg.rows.length)
            problems.push(`${rg.group}: ${rows.length} rows vs ${rg.rows.length}`);
          rg.rows.forEach((er, j) => {
            for (const k of KEYS)
              if (!close(rows[j]?.[k], er[k]))
                problems.push(`${rg.group}[${j}].${k}: ${rows[j]?.[k]} vs R ${er[k]}`);
          });
        });
        expect(problems.slice(0, 10)).toEqual([]);
      });
});

describe('life table (survival.md §7 worked example, group A)', () => {
  const months = [3, 5, 5, 8, 12, 12, 15, 20, 24, 30];
  const event = [1, 1, 0, 1, 1, 1, 0, 1, 0, 1];
  it('gives the reference annual table', () => {
    const t = lifeTable(months, event, { intervalMonths: 12 });
    expect(t.rows.map((r) => [r.alive, r.died, r.withdrawn, r.effective])).toEqual([
      [10, 3, 1, 9.5],
      [6, 3, 1, 5.5],
      [2, 1, 1, 1.5],
    ]);
    expect(t.rows.map((r) => Number(r.cumulative.toFixed(6)))).toEqual([0.684211, 0.311005, 0.103668]);
    expect(t.rows.map((r) => Number(r.cumulativeStdErr?.toFixed(6)))).toEqual([0.150811, 0.160632, 0.131135]);
  });
  it('reports 1-, 3-, 5- and 10-year survival, null past the follow-up', () => {
    const t = lifeTable(months, event, { intervalMonths: 12 });
    expect(
      t.years.map((y) => [y.years, y.cumulative === null ? null : Number(y.cumulative.toFixed(6))]),
    ).toEqual([
      [1, 0.684211],
      [3, 0.103668],
      [5, null],
      [10, null],
    ]);
  });
  it('keeps 0 after everyone has died', () => {
    const t = lifeTable([2, 5, 13], [1, 1, 1], { intervalMonths: 12 });
    expect(t.years[0]?.cumulative).toBeCloseTo(1 / 3, 12);
    expect(t.years.slice(1).map((y) => y.cumulative)).toEqual([0, 0, 0]);
  });
});

describe('expected-survival table', () => {
  it('looks up age (capped at the oldest), sex and the closest year', () => {
    const t = expectedTableFromCsv('age,sex,year,q\n0,1,2000,0.1\n1,1,2000,0.2\n1,1,2010,0.3\n0,1,2010,0.4');
    expect(t.annual(0, '1', 2004)).toBeCloseTo(0.9, 12);
    expect(t.annual(7, '1', 2006)).toBeCloseTo(0.7, 12);
    expect(t.annual(1, '1', 2005)).toBeCloseTo(0.8, 12);
  });
  it('names the bad row or the missing cell', () => {
    expect(() => expectedTableFromCsv('age,sex,year,p\n0,1,2000,1.2')).toThrow(/row 2: probability "1.2"/);
    expect(() => expectedTableFromCsv('age,sex,p\n0,1,0.9')).toThrow(/no column "year"/);
    expect(() => expectedTableFromCsv('age,sex,year\n0,1,2000')).toThrow(/column "p"/);
    const t = expectedTableFromCsv('age,sex,year,p\n0,1,2000,0.9');
    expect(() => t.annual(0, '2', 2000)).toThrow(/no row for age 0, sex "2"/);
  });
});

describe('life-table options (CLI and API)', () => {
  it('accepts days/months and month/year intervals, and names a bad option', () => {
    expect(lifeTableOptions('months', 'month', '24')).toEqual({
      timeUnit: 'months',
      intervalMonths: 1,
      maxIntervals: 24,
    });
    expect(() => lifeTableOptions('weeks', 'year')).toThrow(/--time-unit/);
    expect(() => lifeTableOptions('days', 'decade')).toThrow(/--interval/);
    expect(() => lifeTableOptions('days', 'year', '0')).toThrow(/--intervals/);
  });
  it('shows the 1-, 3-, 5- and 10-year line in the text table', () => {
    const text = lifeTableText({
      method: 'actuarial',
      relative: null,
      intervalMonths: 12,
      groups: [
        {
          group: 'A',
          ...lifeTable([3, 5, 5, 8, 12, 12, 15, 20, 24, 30], [1, 1, 0, 1, 1, 1, 0, 1, 0, 1], {
            intervalMonths: 12,
          }),
        },
      ],
    });
    expect(text.at(-1)).toBe('1-year 0.6842; 3-year 0.1037; 5-year    NA; 10-year    NA');
  });
});
