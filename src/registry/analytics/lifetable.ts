import type { ExpectedTable } from './expected.ts';

/**
 * SEER-style actuarial (life-table) survival and Ederer II relative survival (survival.md §6, §8).
 * Times are in months; a case falls in interval k (0-based) by completed intervals, floor(t / width):
 * with yearly intervals survival months 0–11 are interval 1, 12–23 interval 2, and so on. Censored cases
 * are withdrawals and count as at risk for half their interval: L' = L − W/2.
 */

/** The days→months factor the registry uses (issue 15: months = days / 30.4375). */
export const DAYS_PER_MONTH = 30.4375;

export interface LifeTableRow {
  /** 1-based interval number. */
  interval: number;
  /** Interval start and end in months, [start, end). */
  start: number;
  end: number;
  /** L_x: alive at the start of the interval. */
  alive: number;
  /** D_x: died in the interval. */
  died: number;
  /** W_x + U_x: lost to follow-up or withdrawn alive in the interval. */
  withdrawn: number;
  /** L'_x = L_x − W_x/2. */
  effective: number;
  /** P_x = 1 − D_x/L'_x and its binomial standard error √(P(1−P)/L'). */
  survival: number;
  survivalStdErr: number;
  /** CP_x = Π P_i with the Greenwood standard error CP·√Σ D/(L'(L'−D)); null where it is undefined. */
  cumulative: number;
  cumulativeStdErr: number | null;
  /** Ederer II: P*_x (mean expected survival of the cases alive at the start), CP*_x, R_x, CR_x, SE(CR). */
  expected?: number;
  expectedCumulative?: number;
  relative?: number;
  relativeCumulative?: number;
  relativeCumulativeStdErr?: number | null;
}

/** Cumulative (and relative) survival at the end of 1, 3, 5 and 10 years; null past the table. */
export interface YearSurvival {
  years: number;
  cumulative: number | null;
  cumulativeStdErr: number | null;
  relativeCumulative: number | null;
}

export interface LifeTable {
  n: number;
  rows: LifeTableRow[];
  years: YearSurvival[];
}

/** What relative survival needs per case: age at diagnosis (years), sex code and diagnosis year. */
export interface ExpectedCovariates {
  table: ExpectedTable;
  age: ArrayLike<number>;
  sex: readonly string[];
  year: ArrayLike<number>;
}

export interface LifeTableOptions {
  /** Interval length in whole months (1 = monthly, 12 = yearly). */
  intervalMonths: number;
  /** At most this many intervals (default: through the last interval with a case in it). */
  maxIntervals?: number;
  expected?: ExpectedCovariates;
}

export const SUMMARY_YEARS = [1, 3, 5, 10] as const;

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Expected probability that case i survives months [from, to): the product over those months of the
 * annual probability at its attained age and calendar year, each month taking a twelfth of the year's log.
 */
function expectedSurvival(e: ExpectedCovariates, i: number, from: number, to: number): number {
  let logP = 0;
  for (let m = from; m < to; m++) {
    const k = Math.floor(m / 12);
    logP += Math.log(e.table.annual((e.age[i] as number) + k, e.sex[i] as string, (e.year[i] as number) + k));
  }
  return Math.exp(logP / 12);
}

/**
 * The actuarial life table of one group, with Ederer II relative survival when expected covariates are
 * given (`index` picks the group's cases out of the covariate arrays).
 */
export function lifeTable(
  months: ArrayLike<number>,
  event: ArrayLike<number>,
  opts: LifeTableOptions,
  index?: ArrayLike<number>,
): LifeTable {
  const w = opts.intervalMonths;
  const n = months.length;
  const at = new Int32Array(n);
  let last = -1;
  for (let i = 0; i < n; i++) {
    at[i] = Math.floor((months[i] as number) / w);
    last = Math.max(last, at[i] as number);
  }
  const count = Math.min(last + 1, opts.maxIntervals ?? Number.POSITIVE_INFINITY);
  const died = new Float64Array(count);
  const withdrawn = new Float64Array(count);
  for (let i = 0; i < n; i++) {
    const k = at[i] as number;
    if (k >= count) continue;
    if (event[i] === 1) died[k] = (died[k] as number) + 1;
    else withdrawn[k] = (withdrawn[k] as number) + 1;
  }
  const rows: LifeTableRow[] = [];
  let alive = n;
  let cp = 1;
  let cpStar = 1;
  let greenwood = 0;
  for (let k = 0; k < count && alive > 0; k++) {
    const d = died[k] as number;
    const wd = withdrawn[k] as number;
    const eff = alive - wd / 2;
    const p = 1 - d / eff;
    cp *= p;
    greenwood += d / (eff * (eff - d));
    const row: LifeTableRow = {
      interval: k + 1,
      start: k * w,
      end: (k + 1) * w,
      alive,
      died: d,
      withdrawn: wd,
      effective: eff,
      survival: p,
      survivalStdErr: Math.sqrt((p * (1 - p)) / eff),
      cumulative: cp,
      cumulativeStdErr: finite(cp * Math.sqrt(greenwood)),
    };
    if (opts.expected) {
      let sum = 0;
      for (let i = 0; i < n; i++)
        if ((at[i] as number) >= k)
          sum += expectedSurvival(opts.expected, index ? (index[i] as number) : i, k * w, (k + 1) * w);
      const pStar = sum / alive;
      cpStar *= pStar;
      row.expected = pStar;
      row.expectedCumulative = cpStar;
      row.relative = p / pStar;
      row.relativeCumulative = cp / cpStar;
      row.relativeCumulativeStdErr = row.cumulativeStdErr === null ? null : row.cumulativeStdErr / cpStar;
    }
    rows.push(row);
    alive -= d + wd;
  }
  const years = SUMMARY_YEARS.map((y): YearSurvival => {
    const want = (12 * y) % w === 0 ? (12 * y) / w : Number.NaN;
    const lastRow = rows[rows.length - 1];
    // Past the table: 0 when everyone died (the curve stays at 0), otherwise unknown.
    const row = rows[want - 1] ?? (want > rows.length && lastRow?.cumulative === 0 ? lastRow : undefined);
    return {
      years: y,
      cumulative: row?.cumulative ?? null,
      cumulativeStdErr: row?.cumulativeStdErr ?? null,
      relativeCumulative: row?.relativeCumulative ?? null,
    };
  });
  return { n, rows, years };
}
