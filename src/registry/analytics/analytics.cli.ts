import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../kernel/errors.ts';
import type { CliHost } from '../../kernel/routing.ts';
import { registryCommand } from '../index.ts';
import {
  analyseLifeTable,
  analyseSurvival,
  type LifeTableResult,
  type SurvivalResult,
  type TimeUnit,
} from './analysis.ts';
import { AnalyticsError, analyticsError } from './errors.ts';
import { expectedTableFromCsv } from './expected.ts';
import {
  casesFromCsv,
  INTERVAL_METHODS,
  type IncidenceResult,
  type IntervalMethod,
  incidence,
  populationFromCsv,
} from './incidence.ts';
import type { ExpectedCovariates } from './lifetable.ts';
import { STANDARD_IDS, type StandardId, standardPopulation } from './standard-population.ts';
import { CONF_TYPES, type ConfType } from './survival.ts';
import { survivalInputFromCsv } from './survival-input.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** Validates the confidence options shared by the CLI and the API. */
export function confOptions(
  confType: string,
  confLevel: string | number,
): { confType: ConfType; confLevel: number } {
  if (!CONF_TYPES.includes(confType as ConfType))
    throw analyticsError(AnalyticsError.BAD_OPTION, `--conf-type must be one of ${CONF_TYPES.join(', ')}.`);
  const level = Number(confLevel);
  if (!(level > 0 && level < 1))
    throw analyticsError(
      AnalyticsError.BAD_OPTION,
      '--conf-level must be a number between 0 and 1, e.g. 0.95.',
    );
  return { confType: confType as ConfType, confLevel: level };
}

const fmt = (x: number | null, digits = 4) => (x === null ? 'NA' : Number(x.toPrecision(digits)).toString());

/** A readable summary in the layout of R's print.survfit plus the log-rank line. */
export function survivalText(r: SurvivalResult): string[] {
  const lines = ['group            n  events   median  lower  upper'];
  for (const g of r.groups)
    lines.push(
      `${g.group.padEnd(12)} ${String(g.n).padStart(5)} ${String(g.events).padStart(7)} ${fmt(g.median).padStart(8)} ${fmt(g.medianLower).padStart(6)} ${fmt(g.medianUpper).padStart(6)}`,
    );
  if (r.logRank)
    lines.push(
      `Log-rank: chi-square ${fmt(r.logRank.chiSquare, 6)} on ${r.logRank.df} df, p = ${fmt(r.logRank.p, 4)}`,
    );
  return lines;
}

/** Validates the life-table options shared by the CLI and the API. */
export function lifeTableOptions(
  timeUnit: string,
  interval: string,
  intervals?: string | number,
): { timeUnit: TimeUnit; intervalMonths: number; maxIntervals?: number } {
  if (timeUnit !== 'days' && timeUnit !== 'months')
    throw analyticsError(AnalyticsError.BAD_OPTION, '--time-unit must be days or months.');
  if (interval !== 'month' && interval !== 'year')
    throw analyticsError(AnalyticsError.BAD_OPTION, '--interval must be month or year.');
  const max = intervals === undefined ? undefined : Number(intervals);
  if (max !== undefined && !(Number.isInteger(max) && max > 0))
    throw analyticsError(AnalyticsError.BAD_OPTION, '--intervals must be a positive whole number.');
  return { timeUnit, intervalMonths: interval === 'year' ? 12 : 1, maxIntervals: max };
}

const fmtPct = (x: number | null | undefined) => (x === null || x === undefined ? '   NA' : x.toFixed(4));

/** A readable life table per group: the SEER columns and the 1/3/5/10-year line. */
export function lifeTableText(r: LifeTableResult): string[] {
  const rel = r.relative !== null;
  const lines: string[] = [];
  for (const g of r.groups) {
    lines.push(`${g.group} (n = ${g.n}), ${r.intervalMonths === 12 ? 'yearly' : 'monthly'} intervals`);
    lines.push(
      `interval  months   alive  died  lost  eff.at.risk  interval   cumul.  se      ${rel ? 'expected relative' : ''}`,
    );
    for (const x of g.rows)
      lines.push(
        `${String(x.interval).padStart(8)} ${`${x.start}-${x.end}`.padStart(7)} ${String(x.alive).padStart(7)} ${String(x.died).padStart(5)} ${String(x.withdrawn).padStart(5)} ${x.effective.toFixed(1).padStart(12)}   ${fmtPct(x.survival)}   ${fmtPct(x.cumulative)}  ${fmtPct(x.cumulativeStdErr)}  ${rel ? `${fmtPct(x.expectedCumulative)}   ${fmtPct(x.relativeCumulative)}` : ''}`.trimEnd(),
      );
    lines.push(
      g.years
        .map(
          (y) =>
            `${y.years}-year ${fmtPct(y.cumulative)}${rel ? ` (relative ${fmtPct(y.relativeCumulative)})` : ''}`,
        )
        .join('; '),
    );
  }
  return lines;
}

const fmtRate = (x: number | null) => (x === null ? '—' : x.toFixed(1));

/** The age-adjusted interval's name, for labels. */
export const intervalName = (m: IntervalMethod): string =>
  m === 'tiwari' ? 'Tiwari modified gamma' : 'Fay–Feuer gamma';

/** A readable incidence table: count, crude and age-adjusted rate per 100,000 with the intervals. */
export function incidenceText(r: IncidenceResult): string[] {
  const label = (row: IncidenceResult['total']) =>
    r.by.map((b) => `${b}=${row.strata[b]}`).join(' ') || 'all';
  const line = (row: IncidenceResult['total'], name: string) =>
    `${name.padEnd(28)} ${String(row.count ?? '<16').padStart(6)} ${String(row.population).padStart(10)} ${fmtRate(row.crudeRate).padStart(7)} ${`(${fmtRate(row.crudeLower)}–${fmtRate(row.crudeUpper)})`.padStart(15)} ${fmtRate(row.ageAdjustedRate).padStart(7)} ${`(${fmtRate(row.ageAdjustedLower)}–${fmtRate(row.ageAdjustedUpper)})`.padStart(15)}`;
  const lines = [
    `Rates per 100,000; age-adjusted to the ${r.standard}; ${r.confLevel * 100}% intervals (exact Poisson / ${intervalName(r.interval)})`,
    `${'stratum'.padEnd(28)} ${'count'.padStart(6)} ${'population'.padStart(10)} ${'crude'.padStart(7)} ${''.padStart(15)} ${'adj.'.padStart(7)}`,
    ...r.rows.map((row) => line(row, label(row))),
    line(r.total, 'total'),
  ];
  if (r.suppression)
    lines.push(
      `Counts 1–${r.suppression.threshold - 1} and the rates on them are suppressed (—), with complementary cells: ${r.suppression.hiddenCells} hidden.`,
    );
  return lines;
}

/** `chartkeeper registry survival …` (issue 15 contract): KM + log-rank from a CSV file, no database. */
export function analyticsCli(program: Command, _cli: CliHost): void {
  registryCommand(program)
    .command('survival')
    .description('Kaplan–Meier curves, medians and the log-rank test from a CSV file (as R survfit/survdiff)')
    .requiredOption('--csv <file>', 'CSV file with a header row')
    .requiredOption('--time <col>', 'column of survival times (non-negative numbers)')
    .requiredOption('--status <col>', 'column of status codes, read as R Surv(): 0/1, 1/2 or TRUE/FALSE')
    .option('--group <col>', 'column to group by (one curve per value, log-rank across them)')
    .option('--conf-type <type>', 'log | log-log | plain', 'log')
    .option('--conf-level <level>', 'confidence level', '0.95')
    .option('--json', 'print the result as JSON')
    .action(
      (opts: {
        csv: string;
        time: string;
        status: string;
        group?: string;
        confType: string;
        confLevel: string;
        json?: boolean;
      }) => {
        try {
          const conf = confOptions(opts.confType, opts.confLevel);
          const input = survivalInputFromCsv(readFileSync(opts.csv, 'utf8'), opts);
          const result = analyseSurvival(input, conf);
          if (opts.json) out(JSON.stringify(result));
          else for (const l of survivalText(result)) out(l);
          if (input.omitted > 0)
            process.stderr.write(`${input.omitted} rows with a missing value were left out.\n`);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          process.stderr.write(`error: ${e.message}\n`);
          process.exitCode = 2;
        }
      },
    );

  registryCommand(program)
    .command('lifetable')
    .description(
      'Actuarial (SEER-style) life table from a CSV file; with --expected, Ederer II relative survival',
    )
    .requiredOption('--csv <file>', 'CSV file with a header row')
    .requiredOption('--time <col>', 'column of survival times (non-negative numbers)')
    .requiredOption('--status <col>', 'column of status codes, read as R Surv(): 0/1, 1/2 or TRUE/FALSE')
    .option('--group <col>', 'column to group by (one table per value)')
    .option('--time-unit <unit>', 'days | months (months = days / 30.4375)', 'days')
    .option('--interval <length>', 'month | year', 'year')
    .option('--intervals <n>', 'at most this many intervals')
    .option('--expected <file>', 'expected-survival life table CSV: age,sex,year,p (or q)')
    .option('--age <col>', 'column of age at diagnosis in years (with --expected)')
    .option('--sex <col>', 'column of sex codes as in the expected table (with --expected)')
    .option('--year <col>', 'column of diagnosis year (with --expected)')
    .option('--diagnosis-year <year>', 'one diagnosis year for every case (with --expected, without --year)')
    .option('--json', 'print the result as JSON')
    .action(
      (opts: {
        csv: string;
        time: string;
        status: string;
        group?: string;
        timeUnit: string;
        interval: string;
        intervals?: string;
        expected?: string;
        age?: string;
        sex?: string;
        year?: string;
        diagnosisYear?: string;
        json?: boolean;
      }) => {
        try {
          const lt = lifeTableOptions(opts.timeUnit, opts.interval, opts.intervals);
          if (opts.expected && (!opts.age || !opts.sex))
            throw analyticsError(AnalyticsError.BAD_OPTION, '--expected needs --age and --sex.');
          if (opts.expected && !opts.year && opts.diagnosisYear === undefined)
            throw analyticsError(AnalyticsError.BAD_OPTION, '--expected needs --year or --diagnosis-year.');
          const fixedYear = opts.diagnosisYear === undefined ? undefined : Number(opts.diagnosisYear);
          if (fixedYear !== undefined && !Number.isInteger(fixedYear))
            throw analyticsError(AnalyticsError.BAD_OPTION, '--diagnosis-year must be a calendar year.');
          const extra = opts.expected
            ? [opts.age, opts.sex, opts.year].filter((c): c is string => c !== undefined)
            : [];
          const input = survivalInputFromCsv(readFileSync(opts.csv, 'utf8'), { ...opts, extra });
          let expected: ExpectedCovariates | undefined;
          if (opts.expected && opts.age && opts.sex) {
            const ages = (input.extra[opts.age] ?? []).map(Number);
            const bad = ages.findIndex((a) => !(Number.isFinite(a) && a >= 0));
            if (bad >= 0)
              throw analyticsError(
                AnalyticsError.BAD_OPTION,
                `Case ${bad + 1}: age "${input.extra[opts.age]?.[bad]}" in column "${opts.age}" is not a number of years.`,
              );
            const years = opts.year
              ? (input.extra[opts.year] ?? []).map(Number)
              : ages.map(() => fixedYear ?? 0);
            expected = {
              table: expectedTableFromCsv(readFileSync(opts.expected, 'utf8')),
              age: ages,
              sex: input.extra[opts.sex] ?? [],
              year: years,
            };
            const badYear = years.findIndex((y) => !Number.isInteger(y));
            if (badYear >= 0)
              throw analyticsError(
                AnalyticsError.BAD_OPTION,
                `Case ${badYear + 1}: diagnosis year "${opts.year ? input.extra[opts.year]?.[badYear] : fixedYear}" is not a calendar year.`,
              );
          }
          const result = analyseLifeTable(input, { ...lt, expected });
          if (opts.json) out(JSON.stringify(result));
          else for (const l of lifeTableText(result)) out(l);
          if (input.omitted > 0)
            process.stderr.write(`${input.omitted} rows with a missing value were left out.\n`);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          process.stderr.write(`error: ${e.message}\n`);
          process.exitCode = 2;
        }
      },
    );

  registryCommand(program)
    .command('incidence')
    .description('Incidence counts, crude and age-adjusted rates (2000 U.S. standard) from CSV files')
    .requiredOption('--cases <file>', 'CSV of cases, one row per tumour')
    .requiredOption(
      '--population <file>',
      'CSV of person-years: ageGroup (0–18 or 00, 01-04, …, 85+), population, stratum columns',
    )
    .requiredOption('--age <col>', 'column of age at diagnosis in years (cases CSV)')
    .option('--by <cols>', 'comma-separated columns to stratify by, e.g. site,sex,year', '')
    .option('--conf-level <level>', 'confidence level', '0.95')
    .option(
      '--standard <id>',
      'us2000-million (2000 U.S. Std Million) or us2000 (unrounded 2000 U.S. Std Population, SEER)',
      'us2000-million',
    )
    .option('--interval <method>', 'age-adjusted rate interval: fay-feuer or tiwari (SEER*Stat)', 'fay-feuer')
    .option('--suppress-below <n>', 'suppress counts from 1 to n − 1 and complementary cells', '16')
    .option('--no-suppress', 'publish every count (your own data only)')
    .option('--json', 'print the result as JSON')
    .action(
      (opts: {
        cases: string;
        population: string;
        age: string;
        by: string;
        confLevel: string;
        standard: string;
        interval: string;
        suppressBelow: string;
        suppress: boolean;
        json?: boolean;
      }) => {
        try {
          const { confLevel } = confOptions('log', opts.confLevel);
          const threshold = Number(opts.suppressBelow);
          if (!(Number.isInteger(threshold) && threshold >= 1))
            throw analyticsError(AnalyticsError.BAD_OPTION, '--suppress-below must be a whole number ≥ 1.');
          if (!STANDARD_IDS.includes(opts.standard as StandardId))
            throw analyticsError(
              AnalyticsError.BAD_OPTION,
              `--standard must be one of ${STANDARD_IDS.join(', ')}.`,
            );
          if (!INTERVAL_METHODS.includes(opts.interval as IntervalMethod))
            throw analyticsError(
              AnalyticsError.BAD_OPTION,
              `--interval must be one of ${INTERVAL_METHODS.join(', ')}.`,
            );
          const by = opts.by
            .split(',')
            .map((b) => b.trim())
            .filter(Boolean);
          const result = incidence(
            casesFromCsv(readFileSync(opts.cases, 'utf8'), opts.age, by),
            populationFromCsv(readFileSync(opts.population, 'utf8')),
            {
              by,
              confLevel,
              standard: standardPopulation(opts.standard as StandardId),
              interval: opts.interval as IntervalMethod,
              suppressBelow: opts.suppress ? threshold : null,
            },
          );
          if (opts.json) out(JSON.stringify(result));
          else for (const l of incidenceText(result)) out(l);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          process.stderr.write(`error: ${e.message}\n`);
          process.exitCode = 2;
        }
      },
    );
}
