import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { cliContext } from '../kernel/cli-context.ts';
import type { CliHost } from '../kernel/routing.ts';
import { IMPORT_KINDS, type ImportSummary, importCodeFile } from './import.service.ts';
import { readCodeFile } from './loaders/read-file.ts';
import { importSample } from './sample.service.ts';
import { diffVersions } from './versions.service.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

function printSummary(s: ImportSummary): void {
  const what =
    s.kind === 'poa-exempt' || s.kind === 'ncci-ptp' || s.kind === 'mue'
      ? `${s.records} rows`
      : `${s.billable} billable codes, ${s.headers} headers`;
  out(`${s.kind}${s.version ? ` ${s.version}` : ''}: ${s.status} — ${what}`);
}

/** `chartkeeper codes …`: import official or licensed code-set files, the sample, and version diffs. */
export function codingCli(program: Command, cli: CliHost): void {
  // `codes import … --version FY2026` must reach the subcommand, not the program's own --version flag:
  // with positional options, program flags count only before the subcommand name.
  program.enablePositionalOptions();
  const codes = program.command('codes').description('code sets: import, sample, version diff');
  codes
    .command('import')
    .description(`load a code-set file (plain or .gz) in one transaction; kinds: ${IMPORT_KINDS.join(', ')}`)
    .argument('<system>', 'what the file is')
    .argument('<file>', 'path to the file')
    .option('--version <label>', 'version label, e.g. FY2026 (guessed from CMS file names when left out)')
    .action(async (system: string, file: string, opts: { version?: string }) => {
      const { text, checksum } = await readCodeFile(file);
      const bar = new SingleBar({
        format: 'loading [{bar}] {percentage}% | {value}/{total} rows',
        stream: process.stderr,
      });
      let started = false;
      const summary = await cli
        .withDeps((deps) =>
          importCodeFile(cliContext(deps), {
            kind: system,
            text,
            checksum,
            sourceName: path.basename(file),
            ...(opts.version ? { version: opts.version } : {}),
            onProgress: (done, total) => {
              if (!started) bar.start(total, 0);
              started = true;
              bar.update(done);
            },
          }),
        )
        .finally(() => started && bar.stop());
      printSummary(summary);
    });
  codes
    .command('import-sample')
    .description('load the small public-domain sample shipped with Chartkeeper (ICD-10-CM/PCS, HCPCS)')
    .action(async () => {
      const results = await cli.withDeps((deps) => importSample(cliContext(deps)));
      if (results.length === 0) out('Official versions are loaded; the sample was not needed.');
      for (const r of results) printSummary(r);
    });
  codes
    .command('diff')
    .description('list codes added, deleted and revised between two loaded versions')
    .argument('<system>')
    .argument('<fromVersion>')
    .argument('<toVersion>')
    .action(async (system: string, from: string, to: string) => {
      const d = await cli.withDeps((deps) => diffVersions(cliContext(deps), system, from, to));
      for (const [label, list] of [
        ['added', d.added],
        ['deleted', d.deleted],
        ['revised', d.revised],
      ] as const) {
        for (const e of list)
          out(`${label.padEnd(8)} ${e.billable ? 'code  ' : 'header'} ${e.code.padEnd(8)} ${e.description}`);
      }
      const c = d.counts;
      out(`codes:   +${c.codes.added} −${c.codes.deleted} ~${c.codes.revised}`);
      out(`headers: +${c.headers.added} −${c.headers.deleted} ~${c.headers.revised}`);
    });
}
