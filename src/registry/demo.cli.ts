import type { Command } from 'commander';
import { cliContext } from '../kernel/cli-context.ts';
import type { CliHost } from '../kernel/routing.ts';
import { seedCancer } from './demo-seed.service.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * `chartkeeper demo seed --patients N --cancer [--cancer-patients C]` (issue 14): the patient index owns
 * `demo seed`; the registry adds its options and runs after the patients are in (commander's postAction
 * hook), giving the newest of them cancer storylines for case finding.
 */
export function demoSeedCancerOption(program: Command, cli: CliHost): void {
  const seed = program.commands.find((c) => c.name() === 'demo')?.commands.find((c) => c.name() === 'seed');
  if (!seed) return;
  seed
    .option('--cancer', 'also give patients pathology reports and coded cancer visits (synthetic)')
    .option(
      '--cancer-patients <n>',
      'how many of the new patients get a storyline (at most --patients)',
      '40',
    )
    .hook('postAction', async (cmd) => {
      const opts = cmd.opts<{ cancer?: boolean; cancerPatients: string; patients: string }>();
      if (!opts.cancer) return;
      const wanted = Number(opts.cancerPatients);
      if (!Number.isInteger(wanted) || wanted < 1)
        throw new Error('--cancer-patients must be a whole number ≥ 1');
      const r = await cli.withDeps((deps) =>
        seedCancer(cliContext(deps), { patients: Math.min(wanted, Number(opts.patients)) }),
      );
      out(
        `Cancer registry: ${r.pathologyReports} pathology reports (${r.cancerPatients} naming a tumour, ${r.benignPatients} benign with a negated phrasing); ${r.codedEncounters} visits coded final with a reportable code.`,
      );
      out('  Run `chartkeeper registry casefind` to fill the suspense queue.');
    });
}
