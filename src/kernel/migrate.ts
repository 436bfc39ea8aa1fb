import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import type { Db } from './db.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Loads `migrations/*.ts`; names are `YYYYMMDD_HHMM_<domain>_<what>` so lexical order is time order. */
class FolderProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(this.dir)).filter((f) => /^\d{8}_\d{4}_.+\.ts$/.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(this.dir, file)).href)) as Migration;
      out[file.replace(/\.ts$/, '')] = mod;
    }
    return out;
  }
}

/**
 * Kysely's PostgreSQL adapter runs the whole batch in one transaction after taking
 * `pg_advisory_xact_lock`, so two processes starting together cannot race, and a failing migration
 * leaves the schema exactly as it was (PostgreSQL DDL is transactional).
 */
function migrator(db: Db, dir = MIGRATIONS_DIR): Migrator {
  return new Migrator({
    db,
    provider: new FolderProvider(dir),
    migrationTableName: 'kernel_migration',
    migrationLockTableName: 'kernel_migration_lock',
  });
}

export class MigrationError extends Error {}

function check(result: MigrationResultSet): string[] {
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error) {
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`.replace('  ', ' '));
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateUp(db: Db, dir?: string): Promise<string[]> {
  return check(await migrator(db, dir).migrateToLatest());
}

/** Applies migrations up to and including `name` (restore brings a schema to a backup's version). */
export async function migrateTo(db: Db, name: string, dir?: string): Promise<string[]> {
  return check(await migrator(db, dir).migrateTo(name));
}

/** Reverts the most recent migration; returns its name (empty when none was applied). */
export async function migrateDown(db: Db, dir?: string): Promise<string[]> {
  return check(await migrator(db, dir).migrateDown());
}

export interface MigrationState {
  applied: string[];
  pending: string[];
}

export async function migrationState(db: Db, dir?: string): Promise<MigrationState> {
  const all = await migrator(db, dir).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt).map((m) => m.name),
    pending: all.filter((m) => !m.executedAt).map((m) => m.name),
  };
}
