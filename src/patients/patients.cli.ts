import type { Command } from 'commander';
import { cliContext } from '../kernel/cli-context.ts';
import type { CliHost } from '../kernel/routing.ts';
import { trainMatcher } from './match-model.service.ts';
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

  patients
    .command('train-matcher')
    .description(
      'estimate the matcher weights (EM) on the live index, check them on the labelled set, store a new version',
    )
    .option('--json', 'print the stored version as JSON')
    .option('--random-pairs <n>', 'random record pairs drawn to estimate u (default 200000)')
    .action(async (opts: { json?: boolean; randomPairs?: string }) => {
      await host.withDeps(async (deps) => {
        const randomPairs = opts.randomPairs ? Number(opts.randomPairs) : undefined;
        if (randomPairs !== undefined && !(Number.isInteger(randomPairs) && randomPairs > 0))
          throw new Error('--random-pairs must be a whole number above 0');
        const v = await trainMatcher(cliContext(deps), { randomPairs });
        if (opts.json) return out(JSON.stringify(v, null, 2));
        const e = v.evaluation;
        out(
          `Matcher weights version ${v.version}: EM on ${v.records} records, ${v.pairs} blocked pairs, ${v.iterations} iterations${v.converged ? '' : ' (not converged)'}, λ ${v.lambda.toFixed(4)}.`,
        );
        out(
          `Labelled set (${e.people} people): recall certain+probable ${e.recallCertainOrProbable.toFixed(3)}, look-alikes certain ${(e.lookAlikeCertainRate * 100).toFixed(2)}%, wrong person certain ${e.wrongPersonCertain}.`,
        );
        out(
          v.active
            ? `Version ${v.version} is now active.`
            : `Version ${v.version} was stored but NOT activated: ${e.missed.join('; ')}. The previous weights stay in use.`,
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
