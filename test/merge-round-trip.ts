import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import type { TestUser } from './auth.ts';
import { insertTestPatient } from './factories.ts';

/**
 * Proves a domain's patient-merge handler (issue 12 item 3): two patients each get one row in every table
 * of `tables` (from `rowsFor`); a merge through the patients API must re-point the retired record's rows
 * to the survivor, and the unmerge must give back exactly those rows, the survivor's own staying put.
 * Looping over the domain's MERGE_TABLES means a table added there later is checked too.
 */
export async function expectRowsFollowMergeAndBack<Table extends string>(
  t: TestApp,
  merger: TestUser,
  family: string,
  tables: readonly Table[],
  rowsFor: (patientId: string) => Promise<Record<Table, string>>,
): Promise<void> {
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: merger.headers, payload });
  const ownerOf = async (table: Table, id: string) =>
    (
      await sql<{ patient_id: string }>`select patient_id from ${sql.table(table)} where id = ${id}`.execute(
        t.deps.db,
      )
    ).rows[0]?.patient_id;

  const retired = (await insertTestPatient(t, { family })).id;
  const survivor = (await insertTestPatient(t, { family })).id;
  const retiredRows = await rowsFor(retired);
  const survivorRows = await rowsFor(survivor);

  const merge = await post('/api/patients/merges', {
    survivorId: survivor,
    retiredId: retired,
    reason: 'Same person registered twice',
  });
  expect(merge.statusCode).toBeLessThan(300);
  for (const table of tables) {
    expect(await ownerOf(table, retiredRows[table]), table).toBe(survivor);
    expect(await ownerOf(table, survivorRows[table]), table).toBe(survivor);
  }

  const un = await post(`/api/patients/merges/${merge.json().mergeId}/unmerge`, {});
  expect(un.statusCode).toBeLessThan(300);
  for (const table of tables) {
    expect(await ownerOf(table, retiredRows[table]), table).toBe(retired);
    expect(await ownerOf(table, survivorRows[table]), table).toBe(survivor);
  }
}
