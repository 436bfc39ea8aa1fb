import type { Command } from 'commander';
import { cliContext } from '../../kernel/cli-context.ts';
import type { CliHost } from '../../kernel/routing.ts';
import { seedBilling } from './demo-seed.service.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * `chartkeeper demo seed --patients N --billing [--billing-visits V]` (issue 13): the patient index owns
 * `demo seed`; billing adds its options and runs after the patients are in (commander's postAction hook).
 */
export function demoSeedBillingOption(program: Command, cli: CliHost): void {
  const seed = program.commands.find((c) => c.name() === 'demo')?.commands.find((c) => c.name() === 'seed');
  if (!seed) return;
  seed
    .option('--billing', 'also add payers, a fee schedule and billed final coded visits (synthetic)')
    .option('--billing-visits <n>', 'how many covered patients get a billed visit', '40')
    .hook('postAction', async (cmd) => {
      const opts = cmd.opts<{ billing?: boolean; billingVisits: string }>();
      if (!opts.billing) return;
      const visits = Number(opts.billingVisits);
      if (!Number.isInteger(visits) || visits < 1)
        throw new Error('--billing-visits must be a whole number ≥ 1');
      const r = await cli.withDeps((deps) =>
        seedBilling(cliContext(deps), { encounters: visits, outDir: deps.config.dataDir }),
      );
      out(
        `Billing: ${r.encounters} final coded visits, ${r.claims} claims; ${r.submitted} sent in 837 batches, ${r.remitted} posted from a simulated 835 (${r.denied} denied); ${r.needsWork} need work.`,
      );
      for (const f of r.pendingRemitFiles) out(`  an 835 for the claims still unanswered: ${f}`);
    });
}
