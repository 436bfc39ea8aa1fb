import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { MigrationError, migrateDown, migrateUp, migrationState } from './migrate.ts';

let t: TestDatabase;
const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-mig-'));
const good = `import { sql } from 'kysely';
export async function up(db) { await sql\`create table probe_good (id int)\`.execute(db); }
export async function down(db) { await sql\`drop table probe_good\`.execute(db); }`;
const bad = `import { sql } from 'kysely';
export async function up(db) { await sql\`create table probe_bad (id int)\`.execute(db); await sql\`select no_such_function()\`.execute(db); }
export async function down() {}`;

async function tableExists(name: string): Promise<boolean> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass(${name}) as t`.execute(t.db);
  return rows[0]?.t !== null;
}

beforeAll(async () => {
  t = await createTestDatabase({ empty: true });
  writeFileSync(path.join(dir, '29990101_0000_probe_good.ts'), good);
});
afterAll(() => t.drop());

describe('migration runner', () => {
  it('applies, reports and reverts migrations', async () => {
    expect(await migrateUp(t.db, dir)).toEqual(['29990101_0000_probe_good']);
    expect(await tableExists('probe_good')).toBe(true);
    expect(await migrationState(t.db, dir)).toEqual({ applied: ['29990101_0000_probe_good'], pending: [] });
    expect(await migrateUp(t.db, dir)).toEqual([]);
    expect(await migrateDown(t.db, dir)).toEqual(['29990101_0000_probe_good']);
    expect(await tableExists('probe_good')).toBe(false);
  });

  it('leaves the schema unchanged when a migration in the batch fails', async () => {
    writeFileSync(path.join(dir, '29990102_0000_probe_bad.ts'), bad);
    await expect(migrateUp(t.db, dir)).rejects.toThrow(MigrationError);
    expect(await tableExists('probe_good')).toBe(false);
    expect(await tableExists('probe_bad')).toBe(false);
    expect((await migrationState(t.db, dir)).applied).toEqual([]);
  });

  it('serialises concurrent runs with an advisory lock', async () => {
    const dir2 = mkdtempSync(path.join(os.tmpdir(), 'ck-mig2-'));
    writeFileSync(path.join(dir2, '29990101_0000_probe_good.ts'), good);
    const other = await createTestDatabase({ empty: true });
    const results = await Promise.all([
      migrateUp(other.db, dir2),
      migrateUp(other.db, dir2),
      migrateUp(other.db, dir2),
    ]);
    await other.drop();
    expect(results.flat()).toEqual(['29990101_0000_probe_good']);
  });
});
