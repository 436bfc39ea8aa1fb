import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cliContext } from '../../kernel/cli-context.ts';
import type { CliHost } from '../../kernel/routing.ts';
import { importEligibility, requestEligibility } from './eligibility.service.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `chartkeeper billing eligibility request --out FILE.270` / `import FILE.271` (issue 13 contract). */
export function eligibilityCli(billing: Command, cli: CliHost): void {
  const el = billing.command('eligibility').description('eligibility: X12 270 inquiries out, 271 answers in');
  el.command('request')
    .description('write a 270 for the patients named, or every patient with a claim not yet sent')
    .requiredOption('--out <file>', 'where to write the 270')
    .option('--patient <id>', 'a patient id (repeat for more)', collect)
    .option('--date <YYYY-MM-DD>', 'date of service asked about (default today)')
    .option('--json', 'print the inquiries as JSON')
    .action(async (opts: { out: string; patient?: string[]; date?: string; json?: boolean }) => {
      const r = await cli.withDeps((deps) =>
        requestEligibility(cliContext(deps), { patientIds: opts.patient, serviceDate: opts.date }),
      );
      writeFileSync(opts.out, r.content);
      if (opts.json) {
        out(JSON.stringify(r.requests));
        return;
      }
      out(
        `Wrote ${opts.out}: interchange ${r.interchangeControlNumber}, ${r.requests.length} inquiries; ${r.skipped.length} patients skipped.`,
      );
      for (const s of r.skipped.slice(0, 50)) out(`  patient ${s.patientId}: ${s.reason}`);
    });
  el.command('import')
    .description('import a 271: match answers by trace number and store the benefits')
    .argument('<file>', 'X12 271 file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const r = await cli.withDeps((deps) => importEligibility(cliContext(deps), readFileSync(file, 'utf8')));
      if (opts.json) {
        out(JSON.stringify(r));
        return;
      }
      out(
        `${r.transactions} 271 transaction(s): ${r.matched} inquiries answered, ${r.unmatched.length} not matched.`,
      );
      for (const i of r.items)
        out(
          `  ${i.traceNumber} ${i.payerId} ${i.status}${i.copay !== null ? ` copay ${i.copay.toFixed(2)}` : ''}${i.deductibleRemaining !== null ? ` deductible left ${i.deductibleRemaining.toFixed(2)}` : ''}${i.rejectReason ? ` (${i.rejectReason})` : ''}`,
        );
      for (const u of r.unmatched) out(`  not matched: ${u.traceNumber ?? '-'} ${u.reason}`);
    });
}
