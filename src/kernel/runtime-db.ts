import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from './config.ts';
import { type DbHandle, openDb } from './db.ts';
import { startEmbedded } from './embedded-postgres.ts';

export type DatabaseMode = 'embedded' | 'external';

export interface RuntimeDatabase extends DbHandle {
  mode: DatabaseMode;
  /** Closes the pool and, when this process owns the embedded cluster, stops it. */
  shutdown(): Promise<void>;
}

const APP_DB = 'chartkeeper';

/** Raised when the database cannot be reached; main prints the message alone. */
export class DatabaseUnavailableError extends Error {}

function serverPidFile(config: Config): string {
  return path.join(config.dataDir, 'server.pid');
}

/** Whether a Chartkeeper server process is alive for this data directory. */
export function liveServerPid(config: Config): number | undefined {
  const file = serverPidFile(config);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

export function writeServerPid(config: Config): () => void {
  const file = serverPidFile(config);
  writeFileSync(file, String(process.pid));
  return () => {
    if (existsSync(file) && readFileSync(file, 'utf8') === String(process.pid)) rmSync(file, { force: true });
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

async function checkExternal(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    if (Number(rows[0]?.v) < 150000) {
      throw new DatabaseUnavailableError(
        'DATABASE_URL points at PostgreSQL older than 15; Chartkeeper needs 15 or newer.',
      );
    }
  } catch (e) {
    if (e instanceof DatabaseUnavailableError) throw e;
    const host = (() => {
      try {
        const u = new URL(url);
        return `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
      } catch {
        return 'the given server';
      }
    })();
    throw new DatabaseUnavailableError(
      `Cannot connect to DATABASE_URL (${host}): ${(e as Error).message}. Check that the server runs and the URL is right.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Opens the database this configuration names: DATABASE_URL when set, otherwise the embedded cluster in
 * the data directory (started if needed, shared with a running server if one is up).
 * @param role - 'server' takes charge of an orphaned embedded cluster; 'cli' only borrows it
 */
export async function openRuntimeDatabase(config: Config, role: 'server' | 'cli'): Promise<RuntimeDatabase> {
  if (config.DATABASE_URL) {
    await checkExternal(config.DATABASE_URL);
    const handle = openDb(config.DATABASE_URL, config.DB_POOL_MAX);
    return { ...handle, mode: 'external', shutdown: () => handle.close() };
  }
  const adopt = role === 'server' || liveServerPid(config) === undefined;
  const cluster = await startEmbedded({ dir: config.dataDir, adopt });
  await ensureDatabase(cluster.url('postgres'), APP_DB);
  const handle = openDb(cluster.url(APP_DB), config.DB_POOL_MAX);
  return {
    ...handle,
    mode: 'embedded',
    shutdown: async () => {
      await handle.close();
      await cluster.stop();
    },
  };
}
