import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { cliContext } from '../../kernel/cli-context.ts';
import type { CliHost } from '../../kernel/routing.ts';
import { importRemit } from './remit.service.ts';
import { remitWorklist } from './worklist.service.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** `chartkeeper billing remit …` (issue 13 command-line contract: `billing remit import FILE.835`). */
export function remitCli(billing: Command, cli: CliHost): void {
  const remit = billing.command('remit').description('835 remittance: import, work list');
  remit
    .command('import')
    .description('import an 835: check it balances, match claims (CLP01) and lines, post payments')
    .argument('<file>', 'X12 835 file')
    .option('--json', 'print the posting summary as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const text = readFileSync(file, 'utf8');
      const r = await cli.withDeps((deps) => importRemit(cliContext(deps), text, path.basename(file)));
      if (opts.json) {
        out(JSON.stringify(r));
        return;
      }
      for (const t of r.transactions) {
        if (t.duplicate) {
          out(`835 ${t.controlNumber} (trace ${t.traceNumber}) was imported before; nothing posted.`);
          continue;
        }
        out(
          `835 ${t.controlNumber} from ${t.payerName}, ${t.method} ${t.traceNumber}: payment ${t.payment.toFixed(2)} = claims ${t.claimPayments.toFixed(2)} − provider adjustments ${t.providerAdjustments.toFixed(2)}`,
        );
        out(
          `  posted ${t.posted}/${t.claims} claims: paid ${t.paid.toFixed(2)}, adjusted ${t.adjusted.toFixed(2)}, patient ${t.patientResponsibility.toFixed(2)}; ${t.denied} denied`,
        );
        for (const u of t.unmatched)
          out(`  work list: ${u.patientControlNumber} ${u.reason}${u.lines ? ` (${u.lines} lines)` : ''}`);
      }
    });
  remit
    .command('worklist')
    .description('835 claims and lines that did not match (nothing was posted for them)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const r = await cli.withDeps((deps) => remitWorklist(cliContext(deps), 500));
      if (opts.json) {
        out(JSON.stringify(r.items));
        return;
      }
      for (const i of r.items)
        out(`${i.patientControlNumber}  ${i.reason.padEnd(16)} ${i.payerName}  trace ${i.traceNumber}`);
      out(`${r.items.length} on the work list.`);
    });
}
