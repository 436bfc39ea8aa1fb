import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { recordAudit, verifyAuditChain } from './access/index.ts';
import {
  assertEmptyTarget,
  createBackup,
  loadRows,
  planRestore,
  prepareKey,
  restoreBlobs,
} from './kernel/backup.ts';
import { BackupFileError } from './kernel/backup-archive.ts';
import { cliContext } from './kernel/cli-context.ts';
import { loadConfig } from './kernel/config.ts';
import { migrateTo, migrationState } from './kernel/migrate.ts';
import type { CliHost } from './kernel/routing.ts';
import { openRuntimeDatabase } from './kernel/runtime-db.ts';
import { VERSION } from './version.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** The passphrase from a file (its first line) or CHARTKEEPER_BACKUP_PASSPHRASE; never from argv. */
function passphrase(file?: string): string | undefined {
  if (file) return readFileSync(file, 'utf8').split('\n')[0]?.trim() || undefined;
  return process.env.CHARTKEEPER_BACKUP_PASSPHRASE || undefined;
}

function tableBar(total: number): { tick: () => void; stop: () => void } {
  const bar = new SingleBar({ format: '{task} [{bar}] {value}/{total} tables', stream: process.stderr });
  bar.start(total, 0, { task: 'tables' });
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/**
 * `chartkeeper backup` and `chartkeeper restore` (issue 19; HIPAA 164.308(a)(7)(ii)(A)–(B): data backup
 * and disaster recovery plans). See docs/operations.md, "Backup and restore".
 */
export function backupCli(program: Command, host: CliHost): void {
  program
    .command('backup')
    .description('write a consistent backup of the database and the documents into one file')
    .option('--out <file>', 'where to write it (default: chartkeeper-<time>.ckbackup in the current folder)')
    .option(
      '--passphrase-file <file>',
      'encrypt with the passphrase in this file (or CHARTKEEPER_BACKUP_PASSPHRASE)',
    )
    .option(
      '--include-key',
      'also put the identifier-encryption key inside (keep such a file like the key itself)',
    )
    .action(async (opts: { out?: string; passphraseFile?: string; includeKey?: boolean }) => {
      const file = path.resolve(opts.out ?? `chartkeeper-${stamp()}.ckbackup`);
      const secret = passphrase(opts.passphraseFile);
      await host.withDeps(async (deps) => {
        const started = performance.now();
        const audit = await verifyAuditChain(deps.db, deps.config);
        const { applied } = await migrationState(deps.db);
        let done = 0;
        const manifest = await createBackup(deps.pool, deps.config, {
          out: file,
          passphrase: secret,
          includeKey: opts.includeKey,
          migrations: applied,
          chartkeeper: VERSION,
          auditCheckpoint: { events: audit.count, verified: audit.ok },
          onTable: () => {
            done++;
            if (done % 20 === 0) process.stderr.write(`  ${done} tables copied\n`);
          },
        });
        const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
        await recordAudit(deps.db, cliContext(deps), {
          action: 'system.backup',
          resourceType: 'system',
          outcome: 'success',
          details: {
            tables: manifest.tables.length,
            rows,
            blobs: manifest.blobs.count,
            encrypted: Boolean(secret),
            includesKey: manifest.includesKey,
          },
        });
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        out(`backup written: ${file}`);
        out(
          `  ${manifest.tables.length} tables, ${rows} rows, ${manifest.blobs.count} documents, audit ${audit.count} events${audit.ok ? ' verified' : ' NOT VERIFIED'}, ${secs}s`,
        );
        out(
          `  ${secret ? 'encrypted (AES-256-GCM)' : 'not encrypted'}; identifier key ${manifest.includesKey ? 'INSIDE' : 'not inside'}`,
        );
      });
    });

  program
    .command('restore <file>')
    .description('restore a backup into an empty database or data directory, then verify the audit trail')
    .option('--data-dir <dir>', 'restore into this (new) data directory instead of CHARTKEEPER_DATA_DIR')
    .option(
      '--passphrase-file <file>',
      'the passphrase of an encrypted backup (or CHARTKEEPER_BACKUP_PASSPHRASE)',
    )
    .action(async (file: string, opts: { dataDir?: string; passphraseFile?: string }) => {
      // Every later step (and the key gate of the final check) reads the target from the environment.
      if (opts.dataDir) process.env.CHARTKEEPER_DATA_DIR = path.resolve(opts.dataDir);
      const config = loadConfig();
      const started = performance.now();
      const plan = await planRestore(path.resolve(file), passphrase(opts.passphraseFile));
      const { manifest } = plan;
      let documents = 0;
      try {
        const database = await openRuntimeDatabase(config, 'cli');
        try {
          await assertEmptyTarget(database.pool, config);
          const known = (await migrationState(database.db)).pending;
          const unknown = manifest.migrations.filter((m) => !known.includes(m));
          if (unknown.length > 0)
            throw new BackupFileError(
              `This backup has migrations this Chartkeeper does not know (${unknown[0]}…); restore with version ${manifest.chartkeeper} or newer.`,
            );
          await prepareKey(config, plan);
          const last = manifest.migrations.at(-1);
          if (last) await migrateTo(database.db, last);
          const bar = tableBar(manifest.tables.length);
          try {
            await loadRows(database.pool, plan, bar.tick);
          } finally {
            bar.stop();
          }
          documents = await restoreBlobs(config, plan);
        } finally {
          await database.shutdown();
        }
      } finally {
        await plan.dispose();
      }
      // Opened again the ordinary way: the key gate checks the restored key record, newer migrations apply.
      await host.withDeps(async (deps) => {
        const audit = await verifyAuditChain(deps.db, deps.config);
        const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        out(
          `restored ${manifest.tables.length} tables, ${rows} rows, ${documents} documents from the backup of ${manifest.createdAt} in ${secs}s`,
        );
        if (!audit.ok || audit.count < manifest.auditCheckpoint.events) {
          process.stderr.write(
            `audit trail does NOT verify after restore (${audit.count} events checked); run chartkeeper audit verify\n`,
          );
          process.exitCode = 1;
          return;
        }
        out(`audit trail intact: ${audit.count} events verified`);
        await recordAudit(deps.db, cliContext(deps), {
          action: 'system.restore',
          resourceType: 'system',
          outcome: 'success',
          details: {
            tables: manifest.tables.length,
            rows,
            blobs: documents,
            backupCreatedAt: manifest.createdAt,
          },
        });
      });
    });
}
