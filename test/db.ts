import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type DbHandle, databaseUrl, openDb } from '../src/kernel/db.ts';

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends DbHandle {
  name: string;
  url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file, cloned from the migrated template (fast: a file copy).
 * @param opts.empty - an empty database with no migrations applied (for migration tests)
 */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `ck_t_${randomBytes(5).toString('hex')}`;
  const template = opts.empty ? 'template0' : inject('templateDb');
  await admin((c) => c.query(`create database ${name} template ${template}`));
  const url = databaseUrl(inject('adminUrl'), name);
  const handle = openDb(url, 5);
  return {
    ...handle,
    name,
    url,
    drop: async () => {
      await handle.close();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
