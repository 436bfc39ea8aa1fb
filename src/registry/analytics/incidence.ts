import { isMissing, parseCsv } from './csv.ts';
import { gammaQuantile } from './distributions.ts';
import { AnalyticsError, analyticsError } from './errors.ts';
import {
  AGE_GROUPS,
  ageGroupOf,
  type StandardId,
  type StandardPopulation,
  us2000Standard,
} from './standard-population.ts';
import { type AdditiveGroup, DEFAULT_THRESHOLD, suppressCells } from './suppression.ts';

/**
 * Incidence counts with crude and directly age-adjusted rates per 100,000 (survival.md §9): the rate
 * Σ wᵢ cᵢ/Pᵢ over the 19 age groups of the 2000 U.S. standard population, Poisson variance
 * Σ wᵢ² cᵢ/Pᵢ², and gamma intervals: Fay–Feuer (1997) or the Tiwari, Clegg and Zou (2006) modification
 * (SEER*Stat's default); crude rates get the exact Poisson (gamma) interval.
 */
const PER = 100_000;

/** One case: its age group (0–18) and its values of the stratifying items. */
export interface IncidenceCase {
  ageGroup: number;
  strata: Record<string, string>;
}

/** Person-years of one age group in one combination of the population's stratum columns. */
export interface PopulationRow {
  ageGroup: number;
  population: number;
  strata: Record<string, string>;
}

/** Interval for age-adjusted rates: Fay–Feuer (1997) gamma, or Tiwari et al. (2006) modified gamma. */
export const INTERVAL_METHODS = ['fay-feuer', 'tiwari'] as const;
export type IntervalMethod = (typeof INTERVAL_METHODS)[number];

export interface IncidenceOptions {
  /** Stratifying items, e.g. ['siteGroup', 'sex', 'year']. */
  by: string[];
  confLevel?: number;
  standard?: StandardPopulation;
  /** Default 'fay-feuer'. */
  interval?: IntervalMethod;
  /** Hide counts 1 … threshold − 1 and what is built on them; null publishes every count. */
  suppressBelow?: number | null;
}

export interface AgeCell {
  ageGroup: string;
  count: number | null;
  population: number;
  rate: number | null;
  suppressed: boolean;
}

export interface IncidenceRow {
  strata: Record<string, string>;
  count: number | null;
  population: number;
  crudeRate: number | null;
  crudeLower: number | null;
  crudeUpper: number | null;
  ageAdjustedRate: number | null;
  ageAdjustedStdErr: number | null;
  ageAdjustedLower: number | null;
  ageAdjustedUpper: number | null;
  suppressed: boolean;
  ages: AgeCell[];
}

export interface IncidenceResult {
  standardId: StandardId;
  standard: string;
  standardSource: string;
  confLevel: number;
  interval: IntervalMethod;
  ratePer: number;
  by: string[];
  suppression: { threshold: number; hiddenCells: number } | null;
  rows: IncidenceRow[];
  total: IncidenceRow;
}

/** Exact Poisson interval for a crude rate (SEER): qgamma(α/2, c)/P, qgamma(1 − α/2, c + 1)/P. */
export function crudeInterval(count: number, pop: number, level: number): [number, number] {
  const a = 1 - level;
  const lower = count === 0 ? 0 : gammaQuantile(a / 2, count, 1) / pop;
  return [lower * PER, (gammaQuantile(1 - a / 2, count + 1, 1) / pop) * PER];
}

/**
 * Fay & Feuer (1997) gamma interval for a directly adjusted rate y with variance v; wM is the largest
 * weight per person-year, max wᵢ/Pᵢ (all per 100,000).
 */
export function fayFeuer(y: number, v: number, wM: number, level: number): [number, number] {
  const a = 1 - level;
  const lower = y === 0 || v === 0 ? 0 : gammaQuantile(a / 2, (y * y) / v, v / y);
  const shape = (y + wM) ** 2 / (v + wM * wM);
  const scale = (v + wM * wM) / (y + wM);
  return [lower, gammaQuantile(1 - a / 2, shape, scale)];
}

/**
 * Tiwari, Clegg & Zou (2006) modified gamma interval: the lower limit is Fay–Feuer's; the upper limit adds
 * the mean of the per-person weights wᵢ/Pᵢ (wMean) to the rate and the mean of their squares (w2Mean) to
 * the variance, instead of the largest weight (as `asht::wspoissonTest(wmtype = "tcz")`; all per 100,000).
 */
export function tiwari(y: number, v: number, wMean: number, w2Mean: number, level: number): [number, number] {
  const a = 1 - level;
  const lower = y === 0 || v === 0 ? 0 : gammaQuantile(a / 2, (y * y) / v, v / y);
  const ys = y + wMean;
  const vs = v + w2Mean;
  return [lower, gammaQuantile(1 - a / 2, (ys * ys) / vs, vs / ys)];
}

function rowFor(
  strata: Record<string, string>,
  counts: number[],
  pops: number[],
  weights: number[],
  level: number,
  method: IntervalMethod,
): IncidenceRow {
  const count = counts.reduce((a, b) => a + b, 0);
  const population = pops.reduce((a, b) => a + b, 0);
  let y = 0;
  let v = 0;
  let wM = 0;
  // Sums of the per-person weights wᵢ/Pᵢ and their squares over the age groups with a population.
  let wSum = 0;
  let w2Sum = 0;
  let k = 0;
  counts.forEach((c, i) => {
    const p = pops[i] as number;
    const w = weights[i] as number;
    if (p > 0) {
      y += (w * c) / p;
      v += (w * w * c) / (p * p);
      wM = Math.max(wM, w / p);
      wSum += w / p;
      w2Sum += (w / p) ** 2;
      k++;
    }
  });
  const [crudeLower, crudeUpper] = population > 0 ? crudeInterval(count, population, level) : [null, null];
  const [aaLower, aaUpper] =
    method === 'tiwari'
      ? tiwari(
          y * PER,
          v * PER * PER,
          k > 0 ? (wSum / k) * PER : 0,
          k > 0 ? (w2Sum / k) * PER * PER : 0,
          level,
        )
      : fayFeuer(y * PER, v * PER * PER, wM * PER, level);
  return {
    strata,
    count,
    population,
    crudeRate: population > 0 ? (count / population) * PER : null,
    crudeLower,
    crudeUpper,
    ageAdjustedRate: y * PER,
    ageAdjustedStdErr: Math.sqrt(v) * PER,
    ageAdjustedLower: aaLower,
    ageAdjustedUpper: aaUpper,
    suppressed: false,
    ages: counts.map((c, i) => ({
      ageGroup: AGE_GROUPS[i] as string,
      count: c,
      population: pops[i] as number,
      rate: (pops[i] as number) > 0 ? (c / (pops[i] as number)) * PER : null,
      suppressed: false,
    })),
  };
}

const keyOf = (strata: Record<string, string>, fields: string[]) =>
  JSON.stringify(fields.map((f) => strata[f] ?? ''));

/**
 * Counts and rates per combination of `by` (present in the cases) and in total. The population is summed
 * over its rows matching the combination on the `by` items it has (items it lacks, such as the site, do
 * not split it). A case whose value of an item the population has is missing there is an error.
 */
export function incidence(
  cases: IncidenceCase[],
  population: PopulationRow[],
  opts: IncidenceOptions,
): IncidenceResult {
  const standard = opts.standard ?? us2000Standard();
  const level = opts.confLevel ?? 0.95;
  const method = opts.interval ?? 'fay-feuer';
  const popFields = [...new Set(population.flatMap((p) => Object.keys(p.strata)))];
  const shared = opts.by.filter((f) => popFields.includes(f));
  const sharedAll = popFields.filter((f) => cases.some((c) => f in c.strata));
  const popValues = new Map(popFields.map((f) => [f, new Set(population.map((p) => p.strata[f]))]));
  cases.forEach((c, i) => {
    for (const f of sharedAll)
      if (!popValues.get(f)?.has(c.strata[f]))
        throw analyticsError(
          AnalyticsError.BAD_TABLE,
          `Case ${i + 1}: the population has no rows for ${f} "${c.strata[f]}".`,
          { case: i + 1, item: f, value: c.strata[f] },
        );
  });
  // Population per value of the shared items (and summed), per age group.
  const popBy = new Map<string, number[]>();
  const popTotal = new Array<number>(19).fill(0);
  for (const p of population) {
    const k = keyOf(p.strata, shared);
    const arr = popBy.get(k) ?? new Array<number>(19).fill(0);
    arr[p.ageGroup] = (arr[p.ageGroup] as number) + p.population;
    popBy.set(k, arr);
    popTotal[p.ageGroup] = (popTotal[p.ageGroup] as number) + p.population;
  }
  const countBy = new Map<string, { strata: Record<string, string>; counts: number[] }>();
  const countTotal = new Array<number>(19).fill(0);
  for (const c of cases) {
    const strata = Object.fromEntries(opts.by.map((f) => [f, c.strata[f] ?? '']));
    const k = keyOf(strata, opts.by);
    const entry = countBy.get(k) ?? { strata, counts: new Array<number>(19).fill(0) };
    entry.counts[c.ageGroup] = (entry.counts[c.ageGroup] as number) + 1;
    countBy.set(k, entry);
    countTotal[c.ageGroup] = (countTotal[c.ageGroup] as number) + 1;
  }
  const ordered = [...countBy.values()].sort((a, b) => {
    for (const f of opts.by) {
      const x = a.strata[f] as string;
      const y = b.strata[f] as string;
      const nx = Number(x);
      const ny = Number(y);
      const cmp = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
      if (cmp !== 0) return cmp;
    }
    return 0;
  });
  const rows = (opts.by.length === 0 ? [] : ordered).map((e) => {
    const pops = popBy.get(keyOf(e.strata, shared)) ?? new Array<number>(19).fill(0);
    e.counts.forEach((c, i) => {
      if (c > 0 && !((pops[i] as number) > 0))
        throw analyticsError(
          AnalyticsError.BAD_TABLE,
          `No population for age group ${AGE_GROUPS[i]} in ${JSON.stringify(e.strata)} but ${c} case(s).`,
          { strata: e.strata, ageGroup: AGE_GROUPS[i] },
        );
    });
    return rowFor(e.strata, e.counts, pops, standard.weights, level, method);
  });
  const total = rowFor({}, countTotal, popTotal, standard.weights, level, method);
  const threshold = opts.suppressBelow === undefined ? DEFAULT_THRESHOLD : opts.suppressBelow;
  const hiddenCells = threshold === null ? 0 : applySuppression(rows, total, threshold);
  return {
    standardId: standard.id,
    standard: standard.name,
    standardSource: standard.source,
    confLevel: level,
    interval: method,
    ratePer: PER,
    by: opts.by,
    suppression: threshold === null ? null : { threshold, hiddenCells },
    rows,
    total,
  };
}

/**
 * Hides small counts in the table (strata × age groups with their totals) and complementary cells, then
 * blanks every count and rate built on a hidden count. Returns how many cells were hidden.
 */
function applySuppression(rows: IncidenceRow[], total: IncidenceRow, threshold: number): number {
  const all = [...rows, total];
  const stride = 20; // per row: the row count, then its 19 age cells
  const values = all.flatMap((r) => [r.count as number, ...r.ages.map((a) => a.count as number)]);
  const cell = (row: number, age: number | null) => row * stride + (age === null ? 0 : age + 1);
  const t = rows.length;
  const groups: AdditiveGroup[] = [];
  const ages = [...AGE_GROUPS.keys()];
  all.forEach((_r, i) => {
    // Age cells add up to the row count; the row's age-adjusted rate is a second equation over them.
    groups.push({ members: ages.map((a) => cell(i, a)), total: cell(i, null), min: 3 });
  });
  if (t > 0) {
    groups.push({ members: rows.map((_r, i) => cell(i, null)), total: cell(t, null) });
    for (const a of ages) groups.push({ members: rows.map((_r, i) => cell(i, a)), total: cell(t, a) });
  }
  const hidden = suppressCells(values, groups, threshold);
  all.forEach((r, i) => {
    if (hidden[cell(i, null)]) {
      r.suppressed = true;
      r.count = null;
      r.crudeRate = r.crudeLower = r.crudeUpper = null;
      r.ageAdjustedRate = r.ageAdjustedStdErr = r.ageAdjustedLower = r.ageAdjustedUpper = null;
    }
    r.ages.forEach((a, k) => {
      if (hidden[cell(i, k)] || r.suppressed) {
        a.suppressed = true;
        a.count = null;
        a.rate = null;
      }
    });
  });
  return hidden.filter(Boolean).length;
}

/** Reads an age-group code: 0–18 (SEER's 19-group recode) or a label such as 01-04 or 85+. */
export function readAgeGroup(raw: string): number | null {
  const v = raw.trim();
  const label = AGE_GROUPS.indexOf(v as (typeof AGE_GROUPS)[number]);
  if (label >= 0) return label;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 18 && v !== '' ? n : null;
}

/**
 * A population (person-years) CSV: `ageGroup` (0–18 or a label) and `population` columns, plus any stratum
 * columns (year, sex, …) that split it. A bad row is an error naming it.
 */
export function populationFromCsv(text: string): PopulationRow[] {
  const { header, rows } = parseCsv(text);
  const ai = header.indexOf('ageGroup');
  const pi = header.indexOf('population');
  if (ai < 0 || pi < 0)
    throw analyticsError(
      AnalyticsError.MISSING_COLUMN,
      `The population CSV needs the columns "ageGroup" and "population" (it has ${header.join(', ')}).`,
      { header },
    );
  const others = header.flatMap((h, i) => (i === ai || i === pi ? [] : [[h, i] as const]));
  return rows.map((r, i) => {
    const ageGroup = readAgeGroup(r[ai] ?? '');
    const population = Number(r[pi]);
    if (ageGroup === null)
      throw analyticsError(
        AnalyticsError.BAD_TABLE,
        `Population row ${i + 2}: age group "${r[ai]}" is not 0–18 or a label like 01-04 / 85+.`,
        { row: i + 2 },
      );
    if (isMissing(r[pi]) || !(population >= 0))
      throw analyticsError(
        AnalyticsError.BAD_TABLE,
        `Population row ${i + 2}: population "${r[pi]}" is not a non-negative number.`,
        { row: i + 2 },
      );
    return {
      ageGroup,
      population,
      strata: Object.fromEntries(others.map(([h, k]) => [h, (r[k] ?? '').trim()])),
    };
  });
}

/**
 * Cases from a CSV: the age in years (`ageColumn`) and the `by` columns. A missing or bad age is an error
 * naming the row (a case is never dropped silently).
 */
export function casesFromCsv(text: string, ageColumn: string, by: string[]): IncidenceCase[] {
  const { header, rows } = parseCsv(text);
  for (const c of [ageColumn, ...by])
    if (!header.includes(c))
      throw analyticsError(AnalyticsError.MISSING_COLUMN, `The cases CSV has no column "${c}".`, {
        column: c,
        header,
      });
  const ai = header.indexOf(ageColumn);
  const cols = by.map((b) => [b, header.indexOf(b)] as const);
  const cases = rows.map((r, i) => {
    const age = Number(r[ai]);
    if (isMissing(r[ai]) || !(age >= 0))
      throw analyticsError(
        AnalyticsError.BAD_TIME,
        `Row ${i + 2}: age "${r[ai] ?? ''}" in column "${ageColumn}" is not a number of years.`,
        { row: i + 2 },
      );
    for (const [b, k] of cols)
      if (isMissing(r[k]))
        throw analyticsError(AnalyticsError.BAD_OPTION, `Row ${i + 2}: no value in column "${b}".`, {
          row: i + 2,
          column: b,
        });
    return {
      ageGroup: ageGroupOf(age),
      strata: Object.fromEntries(cols.map(([b, k]) => [b, (r[k] as string).trim()])),
    };
  });
  if (cases.length === 0) throw analyticsError(AnalyticsError.EMPTY_COHORT, 'The cases CSV has no cases.');
  return cases;
}
