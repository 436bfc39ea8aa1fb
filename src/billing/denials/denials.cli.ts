import type { Command } from 'commander';
import { cliContext } from '../../kernel/cli-context.ts';
import type { CliHost } from '../../kernel/routing.ts';
import { DENIAL_CATEGORIES } from './carc.ts';
import { denialQuery } from './denials.schemas.ts';
import { denialAging, listDenials } from './denials.service.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** `chartkeeper billing denials …`: the denials queue and its aging report from the command line. */
export function denialsCli(billing: Command, cli: CliHost): void {
  const denials = billing.command('denials').description('denials queue (from 835 CAS adjustments)');
  denials
    .command('list')
    .description('denials still being worked (or --status S)')
    .option('--status <status>', 'active (default), all, open, in_progress, appealed, resubmitted, …')
    .option('--category <c>', DENIAL_CATEGORIES.join(', '))
    .option('--payer <p>', 'payer id or part of its name')
    .option('--json', 'print as JSON')
    .action(async (opts: { status?: string; category?: string; payer?: string; json?: boolean }) => {
      const q = denialQuery.parse({ ...opts, json: undefined, limit: 500 });
      const r = await cli.withDeps((deps) => listDenials(cliContext(deps), q));
      if (opts.json) {
        out(JSON.stringify(r.items));
        return;
      }
      for (const d of r.items)
        out(
          `${d.patientControlNumber}  ${d.groupCode}-${d.reasonCode.padEnd(4)} ${d.category.padEnd(20)} ${d.amount.toFixed(2).padStart(10)}  ${d.aging.padEnd(6)} ${d.status.padEnd(11)} ${d.payerName}`,
        );
      out(`${r.items.length} denials.`);
    });
  denials
    .command('aging')
    .description('denial amounts per payer: 0-30, 31-60, 61-90, 91-120, 120+ days')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const r = await cli.withDeps((deps) => denialAging(cliContext(deps), { status: 'active' }));
      if (opts.json) {
        out(JSON.stringify(r));
        return;
      }
      out(`${'payer'.padEnd(30)}${r.buckets.map((b) => b.padStart(12)).join('')}${'total'.padStart(12)}`);
      for (const p of r.payers)
        out(
          `${p.payerName.slice(0, 29).padEnd(30)}${r.buckets.map((b) => (p.buckets[b]?.amount ?? 0).toFixed(2).padStart(12)).join('')}${p.amount.toFixed(2).padStart(12)}`,
        );
    });
}
