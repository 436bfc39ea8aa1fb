import { randomBytes } from 'node:crypto';
import type { TestApp } from './app.ts';

let seq = 0;

/**
 * Inserts a minimal synthetic patient directly (for tests of other domains that need a patient to exist).
 * Tests of the patient index itself register patients through its service instead.
 */
export async function insertTestPatient(
  t: TestApp,
  opts: Partial<{ family: string; given: string; birthDate: string; sex: 'F' | 'M' | 'U'; mrn: string }> = {},
): Promise<{ id: string; mrn: string }> {
  seq++;
  const now = t.clock.now();
  const mrn = opts.mrn ?? `T${randomBytes(4).toString('hex').toUpperCase()}${seq}`;
  const row = await t.deps.db
    .insertInto('patient')
    .values({
      mrn,
      family_name: opts.family ?? `Testfamily${seq}`,
      given_name: opts.given ?? 'Pat',
      middle_name: null,
      suffix: null,
      birth_date: opts.birthDate ?? '1970-01-01',
      sex_at_birth: opts.sex ?? 'U',
      merged_into: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, mrn };
}
