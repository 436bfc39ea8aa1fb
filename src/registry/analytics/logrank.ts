import { chiSquareUpperTail } from './distributions.ts';
import type { SortedGroup } from './survival.ts';

/** Log-rank test result (R's `survdiff(..., rho = 0)`). */
export interface LogRank {
  chiSquare: number;
  df: number;
  p: number;
  observed: number[];
  expected: number[];
}

/**
 * The k-group log-rank test as R's `survdiff` with rho = 0 (survival.md §5): at each distinct event time
 * of the pooled data, expected deaths d·n_g/n and the hypergeometric covariance; χ² = (O−E)ᵀV⁻¹(O−E) over
 * the groups with expected > 0 less the first of them, with that many degrees of freedom.
 * Returns null for fewer than two groups.
 */
export function logRank(groups: SortedGroup[]): LogRank | null {
  const k = groups.length;
  if (k < 2) return null;
  const observed = groups.map((g) => g.eventTimes.length);
  const expected = new Array<number>(k).fill(0);
  const v = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const atRisk = groups.map((g) => g.eventTimes.length + g.censorTimes.length);
  const ei = new Array<number>(k).fill(0);
  const ci = new Array<number>(k).fill(0);
  const d = new Array<number>(k).fill(0);
  for (;;) {
    let t = Number.POSITIVE_INFINITY;
    for (let g = 0; g < k; g++) {
      const grp = groups[g] as SortedGroup;
      const e = ei[g] as number;
      const c = ci[g] as number;
      if (e < grp.eventTimes.length && (grp.eventTimes[e] as number) < t) t = grp.eventTimes[e] as number;
      if (c < grp.censorTimes.length && (grp.censorTimes[c] as number) < t) t = grp.censorTimes[c] as number;
    }
    if (t === Number.POSITIVE_INFINITY) break;
    let n = 0;
    let deaths = 0;
    for (let g = 0; g < k; g++) {
      const grp = groups[g] as SortedGroup;
      let e = ei[g] as number;
      while (e < grp.eventTimes.length && grp.eventTimes[e] === t) e++;
      d[g] = e - (ei[g] as number);
      ei[g] = e;
      n += atRisk[g] as number;
      deaths += d[g] as number;
    }
    if (deaths > 0) addTime(expected, v, atRisk, deaths, n);
    for (let g = 0; g < k; g++) {
      const grp = groups[g] as SortedGroup;
      let c = ci[g] as number;
      while (c < grp.censorTimes.length && grp.censorTimes[c] === t) c++;
      atRisk[g] = (atRisk[g] as number) - (d[g] as number) - (c - (ci[g] as number));
      ci[g] = c;
    }
  }
  return finish(observed, expected, v);
}

/** One event time's contribution to E and V (survdiff2.c, rho = 0). */
function addTime(expected: number[], v: number[][], atRisk: number[], deaths: number, n: number): void {
  const k = atRisk.length;
  const kappa = n > 1 ? (deaths * (n - deaths)) / (n * (n - 1)) : 0;
  for (let g = 0; g < k; g++) {
    const ng = atRisk[g] as number;
    expected[g] = (expected[g] as number) + (deaths * ng) / n;
    if (kappa === 0 || ng === 0) continue;
    const row = v[g] as number[];
    row[g] = (row[g] as number) + kappa * ng * (1 - ng / n);
    for (let h = g + 1; h < k; h++) {
      const cov = (kappa * ng * (atRisk[h] as number)) / n;
      row[h] = (row[h] as number) - cov;
      (v[h] as number[])[g] = row[h] as number;
    }
  }
}

function finish(observed: number[], expected: number[], v: number[][]): LogRank {
  const keep = expected.map((_, g) => g).filter((g) => (expected[g] as number) > 0);
  const df = keep.length - 1;
  if (df < 1) return { chiSquare: 0, df: Math.max(df, 0), p: 1, observed, expected };
  const idx = keep.slice(1);
  const diff = idx.map((g) => (observed[g] as number) - (expected[g] as number));
  const m = idx.map((g) => idx.map((h) => (v[g] as number[])[h] as number));
  const solved = solve(m, diff);
  let chiSquare = 0;
  for (let i = 0; i < diff.length; i++) chiSquare += (solved[i] as number) * (diff[i] as number);
  return { chiSquare, df, p: chiSquareUpperTail(chiSquare, df), observed, expected };
}

/** Solves m·x = b by Gaussian elimination with partial pivoting (R uses LAPACK's `solve`). */
function solve(m: number[][], b: number[]): number[] {
  const n = b.length;
  const a = m.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[piv] as number[])[col] as number))
        piv = r;
    [a[col], a[piv]] = [a[piv] as number[], a[col] as number[]];
    const pr = a[col] as number[];
    for (let r = col + 1; r < n; r++) {
      const row = a[r] as number[];
      const f = (row[col] as number) / (pr[col] as number);
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - f * (pr[c] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = a[r] as number[];
    let s = row[n] as number;
    for (let c = r + 1; c < n; c++) s -= (row[c] as number) * (x[c] as number);
    x[r] = s / (row[r] as number);
  }
  return x;
}
