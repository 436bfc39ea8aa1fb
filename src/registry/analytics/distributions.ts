import gammainc from '@stdlib/math-base-special-gammainc';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** z = Φ⁻¹(1 − α/2) for a two-sided interval at `level` (R: `qnorm(1 - (1 - conf.int)/2)`). */
export function zForLevel(level: number): number {
  return normalQuantile(1 - (1 - level) / 2, 0, 1);
}

/**
 * Upper tail of the chi-square distribution, P(X ≥ x) with `df` degrees of freedom, as R's
 * `pchisq(x, df, lower.tail = FALSE)`: the regularized upper incomplete gamma Q(df/2, x/2), which keeps
 * its precision for tiny p-values (1 − cdf would not).
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}
