import type { Command } from 'commander';
import { cliContext } from '../kernel/cli-context.ts';
import type { CliHost } from '../kernel/routing.ts';
import { analyseAll } from './analysis.service.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** `chartkeeper completion analyse`: the nightly deficiency run (schedule it with cron or a systemd timer). */
export function completenessCli(program: Command, host: CliHost): void {
  const completion = program.command('completion').description('chart completion');
  completion
    .command('analyse')
    .description('run every deficiency rule over every encounter (safe to re-run; nothing opens twice)')
    .option('--batch <n>', 'encounters per transaction', '1000')
    .action(async (opts: { batch: string }) => {
      await host.withDeps(async (deps) => {
        const started = Date.now();
        const r = await analyseAll(cliContext(deps), { batchSize: Number(opts.batch) || 1000 });
        out(
          `Analysed ${r.encounters} encounters in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
            `${r.opened} opened, ${r.closed} closed, ${r.updated} updated.`,
        );
      });
    });
}
