import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';

let t: TestApp;
let nurse: TestUser;
let him: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  nurse = await createTestUser(t, ['nurse']);
  him = await createTestUser(t, ['him_clerk']);
});
afterAll(() => t.close());

const owner = async (id: string) =>
  (
    await t.deps.db
      .selectFrom('chart_entry')
      .select('patient_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).patient_id;

describe('patient merge moves the chart (registered merge handlers)', () => {
  it('merge through the patient index moves chart entries to the survivor; unmerge puts them back', async () => {
    const retired = (await insertTestPatient(t, { family: 'Mergeone' })).id;
    const survivor = (await insertTestPatient(t, { family: 'Mergeone' })).id;
    const add = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${retired}/history`,
      headers: nurse.headers,
      payload: { kind: 'problem', data: { description: 'Asthma', status: 'active' } },
    });
    expect(add.statusCode).toBe(201);
    const entryId = add.json().id;
    const merge = await t.app.inject({
      method: 'POST',
      url: '/api/patients/merges',
      headers: him.headers,
      payload: { survivorId: survivor, retiredId: retired, reason: 'Same person registered twice' },
    });
    expect(merge.statusCode).toBeLessThan(300);
    expect(await owner(entryId)).toBe(survivor);
    const un = await t.app.inject({
      method: 'POST',
      url: `/api/patients/merges/${merge.json().mergeId}/unmerge`,
      headers: him.headers,
      payload: {},
    });
    expect(un.statusCode).toBeLessThan(300);
    expect(await owner(entryId)).toBe(retired);
  });
});
