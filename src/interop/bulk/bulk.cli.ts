import { writeFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { cliContext } from '../../kernel/cli-context.ts';
import type { CliHost } from '../../kernel/routing.ts';
import type { TypeCounts } from './bulk.tables.ts';
import { runExportToDir } from './export.service.ts';
import {
  createImportJob,
  DEFAULT_SOURCE,
  type ImportProgress,
  runImportJob,
  unfinishedJob,
} from './import.service.ts';
import { importReport } from './import-jobs.service.ts';
import { collectInputs } from './inputs.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const group = (program: Command, name: string, description: string) =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

/** One line per resource type: created, updated, unchanged, rejected, skipped. */
export function countsTable(counts: TypeCounts): string[] {
  const cols = ['created', 'updated', 'unchanged', 'rejected', 'skipped'] as const;
  const rows = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  const w = Math.max(12, ...rows.map(([t]) => t.length));
  return [
    `${'type'.padEnd(w)} ${cols.map((c) => c.padStart(9)).join(' ')}`,
    ...rows.map(([t, c]) => `${t.padEnd(w)} ${cols.map((k) => String(c[k] ?? 0).padStart(9)).join(' ')}`),
  ];
}

export function bulkCli(program: Command, host: CliHost): void {
  group(program, 'import', 'import records from other systems')
    .command('fhir')
    .description(
      'import FHIR R4 Bundles (transaction, batch, collection) and NDJSON files or folders; .gz accepted',
    )
    .argument('<paths...>', 'files or folders')
    .option(
      '--source <name>',
      'the sending system (re-imports from it update rather than duplicate)',
      DEFAULT_SOURCE,
    )
    .option('--report <file>', 'where to write the JSON report (default fhir-import-<job>.json)')
    .option('--restart', 'start a new job even if an interrupted one over the same files exists')
    .action(async (paths: string[], opts: { source: string; report?: string; restart?: boolean }) => {
      await host.withDeps(async (deps) => {
        const ctx = cliContext(deps);
        const files = await collectInputs(paths);
        const resume = opts.restart ? undefined : await unfinishedJob(ctx, files, opts.source);
        const jobId = resume?.id ?? (await createImportJob(ctx, files, opts.source));
        if (resume) out(`Resuming import ${jobId} after ${resume.processed} resources.`);
        const bar = new SingleBar({
          format:
            'importing [{bar}] {percentage}% | {value}/{total} resources | {rate}/s | {created} new, {updated} updated, {rejected} rejected',
          stream: process.stderr,
        });
        const started = Date.now();
        let first = true;
        const onProgress = (p: ImportProgress) => {
          const sum = (k: 'created' | 'updated' | 'rejected') =>
            Object.values(p.counts).reduce((n, c) => n + (c[k] ?? 0), 0);
          const payload = {
            created: sum('created'),
            updated: sum('updated'),
            rejected: sum('rejected'),
            rate: Math.round(
              (p.processed - (resume?.processed ?? 0)) / Math.max(0.001, (Date.now() - started) / 1000),
            ),
          };
          if (first) bar.start(p.total, p.processed, payload);
          else bar.update(p.processed, payload);
          first = false;
        };
        const result = await runImportJob(ctx, jobId, onProgress).finally(() => bar.stop());
        const report = await importReport(ctx, jobId);
        const file = opts.report ?? `fhir-import-${jobId}.json`;
        await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
        const seconds = (Date.now() - started) / 1000;
        out(`Import ${jobId} ${report.status}: ${result.processed} resources in ${seconds.toFixed(1)} s.`);
        for (const line of countsTable(report.counts)) out(line);
        for (const r of report.rejected.slice(0, 20))
          out(
            `rejected ${r.file} ${r.location}: ${r.issues.map((i) => `${i.expression} ${i.message}`).join('; ')}`,
          );
        if (report.rejected.length > 20)
          out(`… ${report.rejected.length - 20} more rejected resources in the report.`);
        out(`Report: ${file}`);
      });
    });

  group(program, 'export', 'export records for other systems')
    .command('fhir')
    .description(
      "write every patient's record as FHIR R4 NDJSON, one file per resource type (Bulk Data format)",
    )
    .argument('<dir>', 'folder to write into (created if missing)')
    .option('--type <types>', 'comma-separated resource types (default: all exported types)')
    .option('--since <instant>', 'only resources changed after this instant')
    .action(async (dir: string, opts: { type?: string; since?: string }) => {
      await host.withDeps(async (deps) => {
        const ctx = cliContext(deps);
        const manifest = await runExportToDir(ctx, dir, { types: opts.type?.split(','), since: opts.since });
        for (const o of manifest.output)
          out(`${o.type.padEnd(22)} ${String(o.count).padStart(8)}  ${o.file}`);
        out(`Exported to ${dir} (transaction time ${manifest.transactionTime}).`);
      });
    });
}
