import { zForLevel } from './distributions.ts';

/**
 * Kaplan–Meier (product-limit) estimation as R's `survival` package does it (`survfit`, `summary.survfit`,
 * `print.survfit`); formulas in ../shared/reference/survival.md §2–4.
 */

/** Confidence-interval transformation, as R's `conf.type` (default `log`). */
export type ConfType = 'log' | 'log-log' | 'plain';
export const CONF_TYPES: readonly ConfType[] = ['log', 'log-log', 'plain'];

export interface KmOptions {
  confType?: ConfType;
  /** Two-sided level, R's `conf.int` (default 0.95). */
  confLevel?: number;
}

/** One row of `summary(survfit(...), censored = TRUE)`: one per distinct time (events or censorings). */
export interface KmPoint {
  time: number;
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
  /** Greenwood standard error of the survival (R's `summary()$std.err`); null where R gives NA (S = 0). */
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}

export interface KmCurve {
  n: number;
  events: number;
  /** R's `print.survfit` median and its limits; null where not reached. */
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
  points: KmPoint[];
}

/**
 * One group's times split by outcome and sorted ascending. Splitting lets a native numeric sort do the
 * work (no index sort), and the merge walk then sees each distinct time's events and censorings together,
 * which is R's tie rule: at a shared time the deaths count before the censorings (a subject censored at t
 * is still at risk at t).
 */
export interface SortedGroup {
  eventTimes: Float64Array;
  censorTimes: Float64Array;
}

/** Splits and sorts one group's records. `event[i]` is 1 for an event, 0 for a censoring. */
export function sortGroup(time: ArrayLike<number>, event: ArrayLike<number>): SortedGroup {
  let nEvents = 0;
  for (let i = 0; i < time.length; i++) if (event[i] === 1) nEvents++;
  const eventTimes = new Float64Array(nEvents);
  const censorTimes = new Float64Array(time.length - nEvents);
  let e = 0;
  let c = 0;
  for (let i = 0; i < time.length; i++) {
    if (event[i] === 1) eventTimes[e++] = time[i] as number;
    else censorTimes[c++] = time[i] as number;
  }
  eventTimes.sort();
  censorTimes.sort();
  return { eventTimes, censorTimes };
}

/**
 * Walks the distinct times of a sorted group in order, giving at each the number at risk just before it,
 * the events and the censorings there.
 */
export function forEachTime(
  g: SortedGroup,
  visit: (time: number, atRisk: number, events: number, censored: number) => void,
): void {
  const { eventTimes: et, censorTimes: ct } = g;
  let i = 0;
  let j = 0;
  let atRisk = et.length + ct.length;
  while (i < et.length || j < ct.length) {
    const t = j >= ct.length || (i < et.length && (et[i] as number) <= (ct[j] as number)) ? et[i] : ct[j];
    const time = t as number;
    let d = 0;
    let c = 0;
    while (i < et.length && et[i] === time) {
      d++;
      i++;
    }
    while (j < ct.length && ct[j] === time) {
      c++;
      j++;
    }
    visit(time, atRisk, d, c);
    atRisk -= d + c;
  }
}

/**
 * Pointwise limits from R's `survfit_confint` (logse = TRUE): `sigma` is the standard error of the
 * cumulative hazard, √Σ d/(n(n−d)). Null where R gives NA.
 */
export function confidenceLimits(
  s: number,
  sigma: number,
  z: number,
  confType: ConfType,
): { lower: number | null; upper: number | null } {
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  if (confType === 'plain') {
    const se2 = sigma * s * z;
    return { lower: num(Math.max(s - se2, 0)), upper: num(Math.min(s + se2, 1)) };
  }
  if (confType === 'log') {
    if (s === 0) return { lower: null, upper: null };
    const se2 = z * sigma;
    return { lower: num(Math.exp(Math.log(s) - se2)), upper: num(Math.min(Math.exp(Math.log(s) + se2), 1)) };
  }
  if (s === 0 || s === 1) return { lower: null, upper: null };
  const se2 = (z * sigma) / Math.log(s);
  const ll = Math.log(-Math.log(s));
  return { lower: num(Math.exp(-Math.exp(ll - se2))), upper: num(Math.exp(-Math.exp(ll + se2))) };
}

/**
 * Kaplan–Meier curve of one group with Greenwood variance, pointwise limits and the median.
 * @example kaplanMeier(sortGroup([3, 5, 5], [1, 1, 0]), { confType: 'log-log' })
 */
export function kaplanMeier(g: SortedGroup, opts: KmOptions = {}): KmCurve {
  const confType = opts.confType ?? 'log';
  const z = zForLevel(opts.confLevel ?? 0.95);
  const points: KmPoint[] = [];
  let s = 1;
  let varHaz = 0;
  forEachTime(g, (time, atRisk, events, censored) => {
    if (events > 0) {
      s *= (atRisk - events) / atRisk;
      varHaz += events / (atRisk * (atRisk - events));
    }
    const sigma = Math.sqrt(varHaz);
    const se = s * sigma;
    const { lower, upper } = confidenceLimits(s, sigma, z, confType);
    points.push({
      time,
      atRisk,
      events,
      censored,
      survival: s,
      stdErr: Number.isFinite(se) ? se : null,
      lower,
      upper,
    });
  });
  const q = survivalMedian(points);
  return {
    n: g.eventTimes.length + g.censorTimes.length,
    events: g.eventTimes.length,
    median: q.estimate,
    medianLower: q.lower,
    medianUpper: q.upper,
    points,
  };
}

const TOLERANCE = Math.sqrt(2.220446049250313e-16);

/**
 * R's `print.survfit` median rule (`minmin` in survmean, print.survfit.R): the first time the curve is at or
 * below 0.5 (within √ε); when it sits at exactly 0.5 there and drops lower later, the midpoint between that
 * time and the first time it is lower. Null when the curve never reaches 0.5.
 */
export function medianTime(times: number[], curve: (number | null)[]): number | null {
  let first = -1;
  for (let i = 0; i < curve.length; i++) {
    const y = curve[i];
    if (y !== null && y !== undefined && y < 0.5 + TOLERANCE) {
      first = i;
      break;
    }
  }
  if (first < 0) return null;
  const y1 = curve[first] as number;
  if (Math.abs(y1 - 0.5) < TOLERANCE) {
    for (let i = first + 1; i < curve.length; i++) {
      const y = curve[i];
      if (y !== null && y !== undefined && y < y1)
        return ((times[first] as number) + (times[i] as number)) / 2;
    }
  }
  return times[first] as number;
}

/** Median survival time and its limits from the lower and upper bands (`print.survfit`). */
export function survivalMedian(points: KmPoint[]): {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
} {
  const t = points.map((p) => p.time);
  return {
    estimate: medianTime(
      t,
      points.map((p) => p.survival),
    ),
    lower: medianTime(
      t,
      points.map((p) => p.lower),
    ),
    upper: medianTime(
      t,
      points.map((p) => p.upper),
    ),
  };
}
