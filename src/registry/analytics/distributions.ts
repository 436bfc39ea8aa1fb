import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import stdlibGammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
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

/**
 * Regularized incomplete gamma P(a, x) and Q(a, x) = 1 − P by the series (x < a + 1) or the Lentz continued
 * fraction (otherwise), with the prefactor from log-gamma. Used for gamma quantiles, where stdlib's
 * `gammainc` loses precision for large shapes (~1e-4 at a ≈ 3500), which rate intervals need.
 */
export function incompleteGamma(a: number, x: number): { p: number; q: number } {
  if (x <= 0) return { p: 0, q: 1 };
  const logPre = a * Math.log(x) - x - gammaln(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
    }
    const p = sum * Math.exp(logPre);
    return { p, q: 1 - p };
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-17) break;
  }
  const q = Math.exp(logPre) * h;
  return { p: 1 - q, q };
}

/**
 * Quantile of the gamma distribution with `shape` and `scale` (R's `qgamma(p, shape, scale = scale)`):
 * stdlib's estimate refined by Newton steps on the smaller tail of `incompleteGamma`.
 */
export function gammaQuantile(prob: number, shape: number, scale = 1): number {
  if (prob <= 0) return 0;
  if (prob >= 1) return Number.POSITIVE_INFINITY;
  let x = stdlibGammaQuantile(prob, shape, 1);
  const upper = prob > 0.5;
  const target = upper ? 1 - prob : prob;
  for (let i = 0; i < 100 && x > 0 && Number.isFinite(x); i++) {
    const { p, q } = incompleteGamma(shape, x);
    const f = (upper ? q : p) - target;
    const pdf = Math.exp((shape - 1) * Math.log(x) - x - gammaln(shape));
    if (!(pdf > 0)) break;
    const step = (upper ? -f : f) / pdf;
    const next = Math.max(x - step, x / 10);
    if (Math.abs(next - x) <= 1e-15 * x) {
      x = next;
      break;
    }
    x = next;
  }
  return x * scale;
}
