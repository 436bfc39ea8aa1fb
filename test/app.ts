import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { appJobQueue, buildApp, hooks } from '../src/app.ts';
import { ManualClock } from '../src/kernel/clock.ts';
import { type Config, loadConfig } from '../src/kernel/config.ts';
import type { AppDeps } from '../src/kernel/context.ts';
import { openKeyring } from '../src/kernel/keyring.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: ManualClock;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * Builds the real app over a fresh database, with a manual clock and silent logs. Requests go through
 * `app.inject()`; call `close()` in afterAll.
 * @param env - configuration overrides (as environment variables)
 */
export interface TestAppOptions {
  env?: Record<string, string>;
  webDist?: string;
  /** Registers extra routes (e.g. a probe route for error handling) before the app is ready. */
  beforeReady?: (app: FastifyInstance) => void;
}

export async function buildTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const { env = {}, webDist, beforeReady } = opts;
  const database = await createTestDatabase();
  const config: Config = loadConfig({
    CHARTKEEPER_DATA_DIR: `/tmp/ck-test-data-${database.name}`,
    LOG_LEVEL: 'silent',
    ...env,
  });
  // The key gate every process runs (issue 22): records this database's key and opens the cipher.
  await openKeyring(database.db, config);
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  const log = pino({ level: 'silent' });
  const deps: AppDeps = {
    config,
    db: database.db,
    pool: database.pool,
    clock,
    log,
    dbMode: 'external',
    jobs: appJobQueue(database.pool, log),
    hooks,
  };
  const app = await buildApp(deps, webDist === undefined ? {} : { webDist });
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    deps,
    clock,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
