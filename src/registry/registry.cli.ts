import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { cliContext } from '../kernel/cli-context.ts';
import type { CliHost } from '../kernel/routing.ts';
import { runCasefinding } from './casefind.service.ts';
import { loadSiteRecode } from './dashboard.service.ts';
import { demoSeedCancerOption } from './demo.cli.ts';
import { loadDictionary } from './dictionary.service.ts';
import { exportNaaccrFile } from './export.service.ts';
import { followupCli } from './followup.cli.ts';
import { importNaaccrFile } from './import.service.ts';
import type { ExportRecordType } from './naaccr-writer.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** The `registry` parent command, shared with registry analytics (get-or-create, see the brief). */
export function registryCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'registry') ??
    program.command('registry').description('facility cancer registry (NAACCR)')
  );
}

function progressBar(label: string) {
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} records`, stream: process.stderr });
  let started = false;
  return {
    update(n: number, total = n) {
      if (!started) bar.start(0, 0);
      started = true;
      bar.setTotal(total);
      bar.update(n);
    },
    stop: () => started && bar.stop(),
  };
}

/** `chartkeeper registry …` (issue 14 command-line contract). */
export function registryCli(program: Command, cli: CliHost): void {
  program.enablePositionalOptions();
  const registry = registryCommand(program);
  registry
    .command('dictionary')
    .description('NAACCR data dictionaries')
    .command('load')
    .description('load a NAACCR base dictionary XML (e.g. naaccr-dictionary-260.xml)')
    .argument('<file>', 'dictionary XML file')
    .action(async (file: string) => {
      const r = await cli.withDeps((deps) => loadDictionary(cliContext(deps), readFileSync(file, 'utf8')));
      out(`NAACCR dictionary v${r.version}: ${r.items} items loaded.`);
    });
  registry
    .command('site-recode')
    .description('the SEER Site Recode table the dashboard groups primary sites by')
    .command('load')
    .description('load the SEER Site Recode 2023 CSV (seersiterecode_site-recode-data-2023.csv)')
    .argument('<file>', 'CSV file')
    .action(async (file: string) => {
      const r = await cli.withDeps((deps) =>
        loadSiteRecode(cliContext(deps), readFileSync(file, 'utf8'), path.basename(file)),
      );
      out(`SEER Site Recode: ${r.rules} rows loaded.`);
    });
  registry
    .command('import')
    .description('import a NAACCR XML file (.xml or .xml.gz), idempotent by patient and tumour identifiers')
    .argument('<file>', 'NAACCR XML file')
    .option('--json', 'print { patients, tumours, rejected } as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const bar = progressBar('importing');
      const r = await cli
        .withDeps((deps) => importNaaccrFile(cliContext(deps), file, { onProgress: (n) => bar.update(n) }))
        .finally(() => bar.stop());
      if (opts.json) {
        out(JSON.stringify({ patients: r.patients, tumours: r.tumours, rejected: r.rejected }));
        return;
      }
      out(`Imported ${r.patients} patients and ${r.tumours} tumours; ${r.rejected} records rejected.`);
      for (const e of r.errors.slice(0, 50))
        out(`  record ${e.record} (line ${e.line}): ${e.messages.join('; ')}`);
    });
  registry
    .command('export')
    .description('write tumours as NAACCR XML (every tumour when no filter is given)')
    .requiredOption('--format <format>', 'naaccr-xml')
    .requiredOption('--version <version>', 'NAACCR dictionary version: 25 or 26')
    .requiredOption('--record-type <type>', 'A (full abstract) or I (incidence)')
    .option('--diagnosis-year <year>', 'only tumours diagnosed in this year')
    .requiredOption('--out <file>', 'file to write')
    .action(
      async (opts: {
        format: string;
        version: string;
        recordType: string;
        diagnosisYear?: string;
        out: string;
      }) => {
        if (opts.format !== 'naaccr-xml')
          throw new Error(`Unknown export format "${opts.format}"; use naaccr-xml.`);
        const bar = progressBar('exporting');
        const r = await cli
          .withDeps((deps) =>
            exportNaaccrFile(cliContext(deps), opts.out, {
              version: opts.version,
              recordType: opts.recordType.toUpperCase() as ExportRecordType,
              diagnosisYear: opts.diagnosisYear ? Number(opts.diagnosisYear) : undefined,
              onProgress: (n, total) => bar.update(n, total),
            }),
          )
          .finally(() => bar.stop());
        out(`Exported ${r.patients} patients and ${r.tumours} tumours to ${opts.out}.`);
        if (r.skipped.length > 0) {
          out(`${r.skipped.length} items left out (not valid in the target dictionary):`);
          for (const s of r.skipped.slice(0, 50))
            out(`  patient ${s.patient}${s.tumour ? ` tumour ${s.tumour}` : ''}: ${s.reason}`);
        }
        if (r.editFailures.length > 0) {
          out(`${r.editFailures.length} tumours have edit errors:`);
          for (const f of r.editFailures.slice(0, 50))
            out(
              `  patient ${f.patientIdNumber} tumour ${f.tumorRecordNumber}: ${f.edits
                .map((e) => `${e.id} [${e.items.map((n) => `#${n}`).join(' ')}] ${e.message}`)
                .join('; ')}`,
            );
        }
      },
    );
  followupCli(registry, cli);
  demoSeedCancerOption(program, cli);
  registry
    .command('casefind')
    .description('screen coded encounters, problem lists and pathology results for reportable cases')
    .option('--since <date>', 'screen sources changed on or after this date (YYYY-MM-DD)')
    .option('--json', 'print { screened, hits, new } as JSON')
    .action(async (opts: { since?: string; json?: boolean }) => {
      if (opts.since && !/^\d{4}-\d{2}-\d{2}$/.test(opts.since))
        throw new Error(`--since must be a date (YYYY-MM-DD), not "${opts.since}".`);
      const bar = progressBar('screening');
      const r = await cli
        .withDeps((deps) =>
          runCasefinding(
            { ...cliContext(deps), channel: 'job' as const },
            {
              trigger: 'cli',
              since: opts.since ? new Date(`${opts.since}T00:00:00Z`) : undefined,
              onProgress: (n) => bar.update(n),
            },
          ),
        )
        .finally(() => bar.stop());
      if (opts.json) {
        out(JSON.stringify({ screened: r.screened, hits: r.hits, new: r.new }));
        return;
      }
      out(
        `Case finding${r.resumed ? ' (resumed)' : ''}: ${r.screened} sources screened, ${r.hits} hits, ${r.new} new in the suspense queue.`,
      );
    });
}
