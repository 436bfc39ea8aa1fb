import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cliContext } from '../kernel/cli-context.ts';
import type { CliHost } from '../kernel/routing.ts';
import { followupDue, followupRates } from './followup.service.ts';
import { createLetterBatch, letterBatchPdf } from './followup-letters.service.ts';
import { runPassiveFollowup } from './passive-followup.service.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const day = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`"${v}" is not a date (YYYY-MM-DD).`);
  return v;
};

/** `chartkeeper registry followup …` (issue 14 command-line contract: `registry followup due --json`). */
export function followupCli(registry: Command, cli: CliHost): void {
  const followup = registry.command('followup').description('active follow-up of registry patients');
  followup
    .command('due')
    .description('patients due for follow-up (annual from the diagnosis anniversary; lost after 15 months)')
    .option('--as-of <date>', 'the day to compute for (YYYY-MM-DD; default today)', day)
    .option('--within <days>', 'also list patients due within this many days', '0')
    .option('--json', 'print { asOf, total, due, lost, items } as JSON')
    .action(async (opts: { asOf?: string; within: string; json?: boolean }) => {
      const withinDays = Number(opts.within);
      if (!Number.isInteger(withinDays) || withinDays < 0)
        throw new Error('--within takes a number of days.');
      const r = await cli.withDeps((deps) => followupDue(cliContext(deps), { asOf: opts.asOf, withinDays }));
      if (opts.json) {
        out(JSON.stringify(r));
        return;
      }
      out(
        `Follow-up due as of ${r.asOf}: ${r.due} due, of whom ${r.lost} lost to follow-up (no contact for 15 months).`,
      );
      for (const d of r.items.slice(0, 100))
        out(
          `  ${d.patientIdNumber}  ${d.nameLast ?? ''}, ${d.nameFirst ?? ''}  due ${d.dueDate}  last contact ${d.dateOfLastContact ?? 'never'}  ${d.state}`,
        );
      if (r.items.length > 100) out(`  … and ${r.items.length - 100} more (use --json for all).`);
    });
  followup
    .command('letters')
    .description('write follow-up letters for everyone due as one mail-merge PDF (a page a letter)')
    .option('--recipient <who>', 'patient or physician', 'patient')
    .requiredOption('--out <file>', 'PDF file to write')
    .option('--json', 'print { batchId, letters } as JSON')
    .action(async (opts: { recipient: string; out: string; json?: boolean }) => {
      if (opts.recipient !== 'patient' && opts.recipient !== 'physician')
        throw new Error('--recipient is patient or physician.');
      const recipient = opts.recipient;
      const r = await cli.withDeps(async (deps) => {
        const ctx = cliContext(deps);
        const batch = await createLetterBatch(ctx, { recipient });
        writeFileSync(opts.out, await letterBatchPdf(ctx, batch.batchId));
        return batch;
      });
      if (opts.json) out(JSON.stringify({ batchId: r.batchId, letters: r.letters.length }));
      else out(`Wrote ${r.letters.length} ${recipient} letters (batch ${r.batchId}) to ${opts.out}.`);
    });
  followup
    .command('rate')
    .description('CoC-style follow-up rate: all analytic cases and the last five years')
    .option('--as-of <date>', 'the day to compute for (YYYY-MM-DD; default today)', day)
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { asOf?: string; json?: boolean }) => {
      const r = await cli.withDeps((deps) => followupRates(cliContext(deps), { asOf: opts.asOf }));
      if (opts.json) {
        out(JSON.stringify(r));
        return;
      }
      const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`);
      out(
        `Follow-up rate as of ${r.asOf}: all analytic cases ${pct(r.all.rate)} (${r.all.eligible} cases, ${r.all.lost} lost); last five years ${pct(r.lastFiveYears.rate)} (${r.lastFiveYears.eligible} cases, ${r.lastFiveYears.lost} lost).`,
      );
    });
  followup
    .command('passive')
    .description('passive follow-up: later encounters, results and death records move #1750 and #1760')
    .option('--json', 'print { screened, updated, deaths } as JSON')
    .action(async (opts: { json?: boolean }) => {
      const r = await cli.withDeps((deps) =>
        runPassiveFollowup(
          { ...cliContext(deps), channel: 'job' as const },
          { onProgress: (n) => process.stderr.write(`\rpassive follow-up: ${n} registry patients`) },
        ),
      );
      process.stderr.write('\n');
      if (opts.json) {
        out(JSON.stringify(r));
        return;
      }
      out(
        `Passive follow-up: ${r.screened} registry patients looked at; ${r.updated} with a later contact, ${r.deaths} with a death recorded.`,
      );
    });
}
