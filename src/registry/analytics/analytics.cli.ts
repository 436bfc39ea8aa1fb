import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../kernel/errors.ts';
import type { CliHost } from '../../kernel/routing.ts';
import { registryCommand } from '../index.ts';
import { analyseSurvival, type SurvivalResult } from './analysis.ts';
import { AnalyticsError, analyticsError } from './errors.ts';
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
}
