import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  casesFromCsv,
  crudeInterval,
  fayFeuer,
  type IntervalMethod,
  incidence,
  populationFromCsv,
  readAgeGroup,
  tiwari,
} from './incidence.ts';
import { ageGroupOf, type StandardId, standardPopulation, us2000Standard } from './standard-population.ts';
import { suppressCells } from './suppression.ts';

/** Golden values from scripts/golden/incidence.R (base R qgamma; survival.md §9 formulas). */
interface GoldenRow {
  strata: Record<string, string>;
  count: number;
  population: number;
  crudeRate: number;
  crudeLower: number;
  crudeUpper: number;
  ageAdjustedRate: number;
  ageAdjustedStdErr: number;
  ageAdjustedLower: number;
  ageAdjustedUpper: number;
  ageCounts: number[];
}
const here = import.meta.dirname;
const golden = JSON.parse(readFileSync(path.join(here, 'golden', 'incidence', 'incidence.json'), 'utf8')) as {
  runs: {
    standard: StandardId;
    interval: IntervalMethod;
    by: string[];
    rows: GoldenRow[];
    total: GoldenRow;
  }[];
};
const casesCsv = readFileSync(path.join(here, 'data', 'incidence-cases.csv'), 'utf8');
const population = populationFromCsv(
  readFileSync(path.join(here, 'data', 'incidence-population.csv'), 'utf8'),
);

const REL = 1e-9;
const KEYS = [
  'count',
  'population',
  'crudeRate',
  'crudeLower',
  'crudeUpper',
  'ageAdjustedRate',
  'ageAdjustedStdErr',
  'ageAdjustedLower',
  'ageAdjustedUpper',
] as const;

describe('incidence with direct age adjustment equals the R reference', () => {
  it('ships the 2000 U.S. standard million in 19 groups', () => {
    const s = us2000Standard();
    expect(s.weights).toHaveLength(19);
    expect(s.weights[0]).toBeCloseTo(0.013818, 12);
    expect(s.weights[18]).toBeCloseTo(0.015508, 12);
    expect(s.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
  it('ships the unrounded 2000 U.S. standard population (274,633,642 persons)', () => {
    const s = standardPopulation('us2000');
    expect(s.weights).toHaveLength(19);
    // 3,794,901 / 274,633,642 and 4,259,173 / 274,633,642, by hand.
    expect(s.weights[0]).toBeCloseTo(0.013818048555, 12);
    expect(s.weights[18]).toBeCloseTo(0.015508562494, 12);
    expect(s.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // The standard million and the unrounded population agree to within 2 per million per age group.
    const m = us2000Standard().weights;
    s.weights.forEach((w, i) => {
      expect(Math.abs(w - (m[i] as number))).toBeLessThan(2e-6);
    });
  });
  for (const run of golden.runs)
    it(`by ${run.by.join(' × ') || 'nothing (total)'}, ${run.standard}, ${run.interval}`, () => {
      const r = incidence(casesFromCsv(casesCsv, 'age', run.by), population, {
        by: run.by,
        suppressBelow: null,
        standard: standardPopulation(run.standard),
        interval: run.interval,
      });
      expect([r.standardId, r.interval]).toEqual([run.standard, run.interval]);
      const problems: string[] = [];
      const check = (label: string, ours: (typeof r.rows)[number] | undefined, e: GoldenRow) => {
        if (!ours) {
          problems.push(`${label}: missing`);
          return;
        }
        expect(ours.strata).toEqual(e.strata);
        expect(ours.ages.map((a) => a.count)).toEqual(e.ageCounts);
        for (const k of KEYS) {
          const a = ours[k] as number;
          if (!(a === e[k] || Math.abs(a - e[k]) <= REL * Math.abs(e[k])))
            problems.push(`${label}.${k}: ${a} vs R ${e[k]}`);
        }
      };
      expect(r.rows).toHaveLength(run.rows.length);
      run.rows.forEach((e, i) => {
        check(JSON.stringify(e.strata), r.rows[i], e);
      });
      check('total', r.total, run.total);
      expect(problems).toEqual([]);
    });
});

describe('incidence details', () => {
  it('groups ages as the 19-group standard', () => {
    expect([0, 0.5, 1, 4, 5, 9, 10, 84, 85, 107].map(ageGroupOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 17, 18, 18]);
    expect(['00', '01-04', '85+', '7', '19', 'x'].map(readAgeGroup)).toEqual([0, 1, 18, 7, null, null]);
  });
  it('gives a zero lower limit and a positive upper limit for no cases', () => {
    const [lo, hi] = fayFeuer(0, 0, 10, 0.95);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(-10 * Math.log(0.025), 9);
  });
  it('Tiwari for one age group is the exact Poisson interval (hand check)', () => {
    // One group, weight 1: y = c/P, v = c/P², mean w = 1/P, mean w² = 1/P², so the upper limit is
    // qgamma(0.975, shape (c+1)²/(c+1) = c+1, scale 1/P) = the Garwood limit; the lower is qgamma(0.025, c)/P.
    const c = 7;
    const P = 20_000;
    const per = 100_000;
    const [lo, hi] = tiwari((c / P) * per, (c / P ** 2) * per * per, per / P, (per / P) ** 2, 0.95);
    const [elo, ehi] = crudeInterval(c, P, 0.95);
    expect(lo).toBeCloseTo(elo, 9);
    expect(hi).toBeCloseTo(ehi, 9);
    // Garwood's 95% limits for 7 events: 2.814358 and 14.422675 (tables), per 20,000.
    expect(lo).toBeCloseTo((2.814358 / P) * per, 4);
    expect(hi).toBeCloseTo((14.422675 / P) * per, 4);
  });
  it('Tiwari upper limits lie at or below Fay–Feuer, lower limits equal', () => {
    const cases = casesFromCsv(casesCsv, 'age', ['site', 'sex']);
    const opts = { by: ['site', 'sex'], suppressBelow: null };
    const ff = incidence(cases, population, { ...opts, interval: 'fay-feuer' });
    const tw = incidence(cases, population, { ...opts, interval: 'tiwari' });
    [...ff.rows, ff.total].forEach((row, i) => {
      const t = i === ff.rows.length ? tw.total : tw.rows[i];
      expect(t?.ageAdjustedLower).toBe(row.ageAdjustedLower);
      expect(t?.ageAdjustedUpper).toBeLessThanOrEqual(row.ageAdjustedUpper as number);
      expect(t?.ageAdjustedUpper).toBeGreaterThan(row.ageAdjustedRate as number);
    });
  });
  it('names the bad row of the inputs', () => {
    expect(() => casesFromCsv('age,sex\n70,1\n,2', 'age', ['sex'])).toThrow(/Row 3: age ""/);
    expect(() => casesFromCsv('age\n70', 'age', ['sex'])).toThrow(/no column "sex"/);
    expect(() => populationFromCsv('ageGroup,population\n20,100')).toThrow(/row 2: age group "20"/);
    expect(() => populationFromCsv('age,population\n1,100')).toThrow(/"ageGroup" and "population"/);
    expect(() =>
      incidence(casesFromCsv('age,year\n70,2030', 'age', ['year']), population, { by: ['year'] }),
    ).toThrow(/no rows for year "2030"/);
  });
});

describe('small-cell suppression', () => {
  it('hides counts 1–15, shows 0 and 16+', () => {
    expect(suppressCells([0, 1, 15, 16, 200], [])).toEqual([false, true, true, false, false]);
  });
  it('hides a second cell so a hidden one cannot be recovered from the total', () => {
    // cells 0..2 add up to cell 3: hiding only 5 would let 100 − 40 − 50 give it back.
    expect(suppressCells([5, 40, 50, 95], [{ members: [0, 1, 2], total: 3 }])).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
  it('hides three cells where a second published equation covers them (min 3)', () => {
    expect(suppressCells([3, 40, 50, 0, 93], [{ members: [0, 1, 2, 3], total: 4, min: 3 }])).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
  it('propagates across crossing totals until stable', () => {
    // 2×2 table a b / c d with row totals r1 r2, column totals k1 k2 and grand total.
    const v = [3, 30, 40, 50, 33, 90, 43, 80, 123];
    const hidden = suppressCells(v, [
      { members: [0, 1], total: 4 },
      { members: [2, 3], total: 5 },
      { members: [0, 2], total: 6 },
      { members: [1, 3], total: 7 },
      { members: [4, 5], total: 8 },
      { members: [6, 7], total: 8 },
    ]);
    expect(hidden.slice(0, 4)).toEqual([true, true, true, true]);
    // every group has zero or at least two hidden cells
    for (const g of [
      [0, 1, 4],
      [2, 3, 5],
      [0, 2, 6],
      [1, 3, 7],
    ])
      expect(g.filter((c) => hidden[c]).length).not.toBe(1);
  });
  it('suppresses the incidence table: small strata, their rates and a complement', () => {
    const cases = casesFromCsv(casesCsv, 'age', ['site', 'sex', 'year']);
    const r = incidence(cases, population, { by: ['site', 'sex', 'year'] });
    const rows = [...r.rows, r.total];
    for (const row of rows) {
      if (row.suppressed) expect([row.count, row.crudeRate, row.ageAdjustedRate]).toEqual([null, null, null]);
      else expect(row.count).toBeGreaterThanOrEqual(16);
      for (const a of row.ages) if (!a.suppressed) expect(a.count === 0 || (a.count ?? 0) >= 16).toBe(true);
      const hiddenAges = row.ages.filter((a) => a.suppressed).length;
      expect(hiddenAges === 0 || hiddenAges >= 3).toBe(true);
    }
    expect(r.suppression?.hiddenCells).toBeGreaterThan(0);
    expect(r.rows.filter((x) => x.suppressed).length).not.toBe(1);
  });
});
