import { mkdirSync } from 'node:fs';
import { buildApp, domains, runtimeDeps } from './app.ts';
import { type Config, loadConfig } from './kernel/config.ts';
import type { AppDeps } from './kernel/context.ts';
import { migrateBehindKeyGate } from './kernel/keyring.ts';
import { createLogger } from './kernel/logger.ts';
import { liveServerPid, openRuntimeDatabase, writeServerPid } from './kernel/runtime-db.ts';
import { readTlsFiles } from './kernel/tls.ts';
import { afterStartMessages } from './startup-messages.ts';

/** One line for the operator, no stack trace; exit code 1. */
export class FatalStartError extends Error {}

/**
 * `chartkeeper serve` (and `npm start`): data directory, database (embedded or DATABASE_URL), migrations
 * under an advisory lock, then the HTTP server. SIGINT/SIGTERM close the server, then the database.
 */
export async function serve(config: Config = loadConfig()): Promise<void> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  readTlsFiles(config); // a bad TLS_CERT/TLS_KEY stops here, before the database starts
  const other = config.DATABASE_URL ? undefined : liveServerPid(config);
  if (other !== undefined) {
    throw new FatalStartError(
      `Another Chartkeeper server (pid ${other}) is already using ${config.dataDir}. Stop it, or set CHARTKEEPER_DATA_DIR to another folder.`,
    );
  }
  const log = createLogger(config.LOG_LEVEL);
  const removePid = config.DATABASE_URL ? () => undefined : writeServerPid(config);
  let database: Awaited<ReturnType<typeof openRuntimeDatabase>>;
  try {
    database = await openRuntimeDatabase(config, 'server');
  } catch (e) {
    removePid();
    throw new FatalStartError((e as Error).message);
  }
  const stopAll = async () => {
    await database.shutdown();
    removePid();
  };
  try {
    const { applied } = await migrateBehindKeyGate(database.db, config);
    if (applied.length) log.info({ applied }, 'migrations applied');
  } catch (e) {
    await stopAll();
    throw new FatalStartError((e as Error).message);
  }
  const deps: AppDeps = runtimeDeps(config, database, log);
  const app = await buildApp(deps);
  // Signals are handled from here on, before the server answers: a supervisor may stop it as soon as
  // /healthz is up, and the embedded PostgreSQL must then be stopped cleanly, not left orphaned.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await app.close();
    await stopAll();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (e) {
    await app.close();
    await stopAll();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new FatalStartError(
        `Port ${config.PORT} on ${config.HOST} is already in use. Stop the other program or set PORT to a free port.`,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new FatalStartError(
        `HOST ${config.HOST} is not an address of this machine. Set HOST to one (e.g. 127.0.0.1).`,
      );
    }
    throw new FatalStartError(`Could not listen on ${config.HOST}:${config.PORT}: ${(e as Error).message}`);
  }
  // Seed data (e.g. the code-set sample) loads after the server answers, so start-up stays fast; each
  // seed is one transaction, so an interrupted seed leaves nothing half-done and runs again next start.
  void (async () => {
    for (const d of domains) {
      await d.seed?.(deps).catch((e: Error) => log.warn({ domain: d.name, err: e.message }, 'seed failed'));
    }
  })();
  const messages = await afterStartMessages(deps);
  process.stdout.write(`${messages.join('\n')}\n`);
}
