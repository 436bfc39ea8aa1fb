import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { databaseUrl, openDb } from '../src/kernel/db.ts';
import { type EmbeddedCluster, startEmbedded } from '../src/kernel/embedded-postgres.ts';
import { migrateUp } from '../src/kernel/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a maintenance database on the test cluster (used to create per-file databases). */
    adminUrl: string;
    /** Name of the migrated template database each test file clones. */
    templateDb: string;
  }
}

export const TEMPLATE_DB = 'ck_template';

/**
 * One PostgreSQL per test run: TEST_DATABASE_URL when set (its database is only used to create others),
 * otherwise a throwaway embedded cluster with durability off (fast; nothing here must survive a crash).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: EmbeddedCluster | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ck-test-'));
    cluster = await startEmbedded({
      dir,
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    adminUrl = cluster.url('postgres');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB}`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const handle = openDb(databaseUrl(adminUrl, TEMPLATE_DB), 2);
  await migrateUp(handle.db);
  await handle.close();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', TEMPLATE_DB);
  return async () => {
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
