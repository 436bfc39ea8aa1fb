import { DAYS_PER_MONTH, type ExpectedCovariates, type LifeTable, lifeTable } from './lifetable.ts';
import { type LogRank, logRank } from './logrank.ts';
import { type KmCurve, type KmOptions, kaplanMeier, type SortedGroup, sortGroup } from './survival.ts';
import type { SurvivalInput } from './survival-input.ts';

/** One group of the survival answer (the CLI and API contract of issue 15). */
export interface SurvivalGroup extends KmCurve {
  group: string;
}

export interface SurvivalResult {
  groups: SurvivalGroup[];
  logRank: Pick<LogRank, 'chiSquare' | 'df' | 'p'> | null;
}

/** Splits records by group and sorts each (see `sortGroup`). */
export function sortGroups(input: SurvivalInput): SortedGroup[] {
  const k = input.labels.length;
  const counts = new Uint32Array(k);
  for (let i = 0; i < input.group.length; i++) {
    const g = input.group[i] as number;
    counts[g] = (counts[g] as number) + 1;
  }
  const times = Array.from(counts, (c) => new Float64Array(c));
  const events = Array.from(counts, (c) => new Uint8Array(c));
  const fill = new Uint32Array(k);
  for (let i = 0; i < input.group.length; i++) {
    const g = input.group[i] as number;
    const at = fill[g] as number;
    fill[g] = at + 1;
    (times[g] as Float64Array)[at] = input.time[i] as number;
    (events[g] as Uint8Array)[at] = input.event[i] as number;
  }
  return times.map((t, g) => sortGroup(t, events[g] as Uint8Array));
}

/**
 * Kaplan–Meier per group and the log-rank test across groups (null for one group), as R's
 * `summary(survfit(Surv(time, status) ~ group), censored = TRUE)`, `print.survfit` and `survdiff`.
 */
export function analyseSurvival(input: SurvivalInput, opts: KmOptions = {}): SurvivalResult {
  const sorted = sortGroups(input);
  const groups = sorted.map((g, i) => ({ group: input.labels[i] as string, ...kaplanMeier(g, opts) }));
  const lr = logRank(sorted);
  return { groups, logRank: lr && { chiSquare: lr.chiSquare, df: lr.df, p: lr.p } };
}

/** Unit of the input times: the life table works in months (days / 30.4375). */
export type TimeUnit = 'days' | 'months';

export interface LifeTableAnalysisOptions {
  timeUnit: TimeUnit;
  intervalMonths: number;
  maxIntervals?: number;
  /** Covariates per input record (same order as `input`) for Ederer II relative survival. */
  expected?: ExpectedCovariates;
}

export interface LifeTableGroup extends LifeTable {
  group: string;
}

export interface LifeTableResult {
  method: 'actuarial';
  relative: 'ederer2' | null;
  intervalMonths: number;
  groups: LifeTableGroup[];
}

/** The actuarial life table (and Ederer II relative survival) per group (survival.md §6). */
export function analyseLifeTable(input: SurvivalInput, opts: LifeTableAnalysisOptions): LifeTableResult {
  const scale = opts.timeUnit === 'days' ? DAYS_PER_MONTH : 1;
  const members: number[][] = input.labels.map(() => []);
  for (let i = 0; i < input.group.length; i++) (members[input.group[i] as number] as number[]).push(i);
  const groups = members.map((idx, g) => {
    const months = Float64Array.from(idx, (i) => (input.time[i] as number) / scale);
    const event = Uint8Array.from(idx, (i) => input.event[i] as number);
    const table = lifeTable(
      months,
      event,
      { intervalMonths: opts.intervalMonths, maxIntervals: opts.maxIntervals, expected: opts.expected },
      idx,
    );
    return { group: input.labels[g] as string, ...table };
  });
  return {
    method: 'actuarial',
    relative: opts.expected ? 'ederer2' : null,
    intervalMonths: opts.intervalMonths,
    groups,
  };
}
