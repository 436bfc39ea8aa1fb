import { Command } from 'commander';
import { domains, runtimeDeps } from './app.ts';
import { backupCli } from './backup.cli.ts';
import { BackupFileError } from './kernel/backup-archive.ts';
import { ConfigError, loadConfig } from './kernel/config.ts';
import type { AppDeps } from './kernel/context.ts';
import { keySource } from './kernel/crypto.ts';
import { keyTableExists, storedKeys } from './kernel/keyring.queries.ts';
import { checkKey, KeyMismatchError, migrateBehindKeyGate } from './kernel/keyring.ts';
import { createLogger } from './kernel/logger.ts';
import { MigrationError, migrateDown, migrationState } from './kernel/migrate.ts';
import type { CliHost } from './kernel/routing.ts';
import { DatabaseUnavailableError, openRuntimeDatabase } from './kernel/runtime-db.ts';
import { keysCli } from './keys.cli.ts';
import { FatalStartError, serve } from './main.ts';
import { VERSION } from './version.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * Opens the database for one command and closes it afterwards. With a server running on the same data
 * directory, the command borrows its embedded PostgreSQL; otherwise it starts (and then stops) its own.
 * Migrations are applied first so a command never runs against an old schema.
 */
export const cliHost: CliHost = {
  async withDeps(work) {
    const config = loadConfig();
    const database = await openRuntimeDatabase(config, 'cli');
    try {
      await migrateBehindKeyGate(database.db, config);
      const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
      const deps: AppDeps = runtimeDeps(config, database, log);
      try {
        return await work(deps);
      } finally {
        // A command that ran jobs started the queue (deps.jobs.start); stop it before the database.
        await deps.jobs.stop();
      }
    } finally {
      await database.shutdown();
    }
  },
};

/** Builds the `chartkeeper` program: kernel commands plus each domain's own. */
export function buildProgram(): Command {
  const program = new Command('chartkeeper')
    .description('Chartkeeper health information management')
    .version(VERSION)
    .showHelpAfterError();

  program
    .command('serve')
    .description('start the server (embedded PostgreSQL unless DATABASE_URL is set)')
    .action(() => serve());

  program
    .command('migrate')
    .description('apply pending database migrations (or revert the latest with --down)')
    .option('--down', 'revert the most recent migration')
    .action(async (opts: { down?: boolean }) => {
      const config = loadConfig();
      const database = await openRuntimeDatabase(config, 'cli');
      try {
        let names: string[];
        if (opts.down) {
          await checkKey(database.db, config);
          names = await migrateDown(database.db);
        } else {
          names = (await migrateBehindKeyGate(database.db, config)).applied;
        }
        if (names.length === 0) out(opts.down ? 'Nothing to revert.' : 'Database is up to date.');
        for (const n of names) out(`${opts.down ? 'reverted' : 'applied'} ${n}`);
      } finally {
        await database.shutdown();
      }
    });

  const db = program.command('db').description('database administration');
  db.command('status')
    .description('database mode, server version and migration state')
    .action(async () => {
      const config = loadConfig();
      const database = await openRuntimeDatabase(config, 'cli');
      try {
        await checkKey(database.db, config);
        const state = await migrationState(database.db);
        const stored = (await keyTableExists(database.db)) ? await storedKeys(database.db) : [];
        const current = stored.find((k) => k.status === 'current');
        const { rows } = await database.pool.query<{ v: string }>(
          "select current_setting('server_version') as v",
        );
        out(`mode:       ${database.mode}${database.mode === 'embedded' ? ` (${config.dataDir})` : ''}`);
        out(`postgres:   ${rows[0]?.v}`);
        out(`migrations: ${state.applied.length} applied, ${state.pending.length} pending`);
        for (const p of state.pending) out(`  pending ${p}`);
        out(
          current
            ? `key:        ${current.kid} (from ${keySource(config)})`
            : 'key:        none recorded yet (the first migrate records it)',
        );
        for (const k of stored.filter((s) => s.status === 'retired')) out(`  retired key ${k.kid}`);
      } finally {
        await database.shutdown();
      }
    });

  keysCli(program, cliHost, () => domains.flatMap((d) => d.encryptedStores ?? []));
  backupCli(program, cliHost);
  for (const d of domains) d.cli?.(program, cliHost);
  return program;
}

/** Runs the CLI; expected failures print one line and exit 1. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    const known = [
      ConfigError,
      DatabaseUnavailableError,
      FatalStartError,
      MigrationError,
      KeyMismatchError,
      BackupFileError,
    ].some((k) => e instanceof k);
    const isApp = (e as { code?: string }).code !== undefined && (e as Error).name === 'AppError';
    if (known || isApp) {
      console.error(`chartkeeper: ${(e as Error).message}`);
      process.exit(1);
    }
    throw e;
  }
}
