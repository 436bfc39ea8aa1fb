import type { Command } from 'commander';
import { cliContext } from '../kernel/cli-context.ts';
import type { CliHost } from '../kernel/routing.ts';
import { patientIdForMrn, restrictPatient, unrestrictPatient } from './restrictions.service.ts';
import { seedPatients } from './seed.service.ts';
import { startSweep, sweepStatus } from './sweep.service.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

export function patientsCli(program: Command, host: CliHost): void {
  const patients = program.command('patients').description('master patient index');
  patients
    .command('sweep')
    .description('find probable duplicates over the whole index (resumes an interrupted sweep)')
    .action(async () => {
      await host.withDeps(async (deps) => {
        // The sweep runs as a job; this process works the queue until it has finished.
        await deps.jobs.start(deps);
        const ctx = cliContext(deps);
        const { sweep, jobId } = await startSweep(ctx, { resume: true });
        const job = await deps.jobs.waitFor(jobId, 24 * 3600 * 1000);
        const s = (await sweepStatus(ctx)) ?? sweep;
        if (job.status !== 'completed')
          throw new Error(`Sweep ${job.status}: ${job.error ?? 'see the jobs screen'}`);
        out(
          `Sweep ${s.status}: ${s.processed} records checked, ${s.pairsFound} probable pairs queued for review.`,
        );
      });
    });

  const change = (verb: 'restrict' | 'unrestrict') =>
    patients
      .command(verb)
      .description(
        verb === 'restrict'
          ? 'put a restriction label (vip, employee, confidential…) on a record, with the reason'
          : 'remove a restriction label from a record, with the reason',
      )
      .requiredOption('--mrn <mrn>', "the patient's MRN")
      .requiredOption('--label <label>', 'vip, employee, confidential, …')
      .requiredOption('--reason <text>', 'why (kept in the restriction history)')
      .action(async (opts: { mrn: string; label: string; reason: string }) => {
        await host.withDeps(async (deps) => {
          const ctx = cliContext(deps);
          const id = await patientIdForMrn(ctx, opts.mrn);
          const input = { label: opts.label, reason: opts.reason };
          const res = await (verb === 'restrict' ? restrictPatient : unrestrictPatient)(ctx, id, input);
          out(
            `${verb === 'restrict' ? 'Restricted' : 'Removed'} "${opts.label}" on MRN ${opts.mrn}. Active labels: ${res.active.join(', ') || 'none'}.`,
          );
        });
      });
  change('restrict');
  change('unrestrict');

  const demo =
    program.commands.find((c) => c.name() === 'demo') ??
    program.command('demo').description('demonstration data');
  demo
    .command('seed')
    .description('add synthetic patients (never real people) for demos and benchmarks')
    .option('--patients <n>', 'how many patients', '1000')
    .option('--seed <n>', 'random seed (same seed, same patients)', '1')
    .option('--duplicates <rate>', 'share of planted duplicates', '0.02')
    .action(async (opts: { patients: string; seed: string; duplicates: string }) => {
      await host.withDeps(async (deps) => {
        const started = Date.now();
        const n = await seedPatients(cliContext(deps), {
          count: Number(opts.patients),
          seed: Number(opts.seed),
          duplicateRate: Number(opts.duplicates),
          onProgress: (d) => process.stdout.write(`\r${d} patients`),
        });
        out(`\nSeeded ${n} synthetic patients in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      });
    });
}
