import { isMissing, parseCsv } from './csv.ts';
import { AnalyticsError, analyticsError } from './errors.ts';

/**
 * An expected-survival (population) life table the user loads for relative survival (issue 15): one row per
 * single year of age × sex × calendar year with the probability of surviving that year of age, as CSV with
 * the columns `age`, `sex`, `year` and `p` (or `q` = 1 − p, the probability of dying within the year).
 * Lookups follow SEER*Stat (survival.md §6): ages past the oldest row use the oldest row; a calendar year
 * uses the closest year in the table (the earlier of two equally close).
 */
export interface ExpectedTable {
  sexes: string[];
  years: number[];
  maxAge: number;
  /** Probability of surviving one year at (age, sex, year). */
  annual(age: number, sex: string, year: number): number;
}

export function expectedTableFromCsv(text: string): ExpectedTable {
  const { header, rows } = parseCsv(text);
  const col = (name: string) => header.indexOf(name);
  for (const name of ['age', 'sex', 'year'])
    if (col(name) < 0)
      throw analyticsError(AnalyticsError.BAD_TABLE, `The expected-survival table has no column "${name}".`, {
        column: name,
        header,
      });
  const pi = col('p');
  const qi = col('q');
  if (pi < 0 && qi < 0)
    throw analyticsError(
      AnalyticsError.BAD_TABLE,
      'The expected-survival table needs a column "p" (probability of surviving the year) or "q" (of dying).',
      { header },
    );
  const cells = new Map<string, number>();
  const sexes = new Set<string>();
  const years = new Set<number>();
  let maxAge = -1;
  rows.forEach((r, i) => {
    const row = i + 2;
    const bad = (what: string) =>
      analyticsError(AnalyticsError.BAD_TABLE, `Expected-survival table row ${row}: ${what}.`, { row });
    const age = Number(r[col('age')]);
    const year = Number(r[col('year')]);
    const sex = (r[col('sex')] ?? '').trim();
    if (!Number.isInteger(age) || age < 0) throw bad(`age "${r[col('age')]}" is not a whole number of years`);
    if (!Number.isInteger(year)) throw bad(`year "${r[col('year')]}" is not a calendar year`);
    if (sex === '') throw bad('sex is empty');
    const raw = pi >= 0 ? r[pi] : r[qi];
    if (isMissing(raw)) throw bad(`the probability is missing`);
    const v = Number(raw);
    if (!(v >= 0 && v <= 1)) throw bad(`probability "${raw}" is not between 0 and 1`);
    cells.set(`${age}|${sex}|${year}`, pi >= 0 ? v : 1 - v);
    sexes.add(sex);
    years.add(year);
    maxAge = Math.max(maxAge, age);
  });
  if (cells.size === 0)
    throw analyticsError(AnalyticsError.BAD_TABLE, 'The expected-survival table is empty.');
  const yearList = [...years].sort((a, b) => a - b);
  const closestYear = (y: number) =>
    yearList.reduce((best, c) => (Math.abs(c - y) < Math.abs(best - y) ? c : best), yearList[0] as number);
  return {
    sexes: [...sexes].sort(),
    years: yearList,
    maxAge,
    annual(age, sex, year) {
      const a = Math.min(Math.floor(age), maxAge);
      const y = closestYear(year);
      const p = cells.get(`${a}|${sex}|${y}`);
      if (p === undefined)
        throw analyticsError(
          AnalyticsError.BAD_TABLE,
          `The expected-survival table has no row for age ${a}, sex "${sex}", year ${y}.`,
          { age: a, sex, year: y },
        );
      return p;
    },
  };
}
