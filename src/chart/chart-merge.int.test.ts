import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { withTransaction } from '../kernel/db.ts';
import { moveChartToSurvivor, restoreChartFromMerge } from './index.ts';

let t: TestApp;
let nurse: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  nurse = await createTestUser(t, ['nurse']);
});
afterAll(() => t.close());

const addProblem = (patientId: string, description: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/patients/${patientId}/history`,
    headers: nurse.headers,
    payload: { kind: 'problem', data: { description, status: 'active' } },
  });
const ownerOf = async (id: string) =>
  (
    await t.deps.db
      .selectFrom('chart_entry')
      .select('patient_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).patient_id;

describe('chart merge handlers', () => {
  it('moves the retired record’s chart to the survivor and unmerge restores exactly those rows', async () => {
    const retired = (await insertTestPatient(t)).id;
    const survivor = (await insertTestPatient(t)).id;
    const moved = (await addProblem(retired, 'Asthma')).json().id;
    const own = (await addProblem(survivor, 'Hypertension')).json().id;
    await t.app.inject({
      method: 'POST',
      url: `/api/patients/${retired}/encounters`,
      headers: nurse.headers,
      payload: {
        class: 'appointment',
        type: 'new patient',
        startsAt: '2026-03-05T10:00:00Z',
        providerId: nurse.id,
        location: 'Clinic A',
        reason: 'wheeze',
      },
    });
    const mergeId = randomUUID();
    const counts = await withTransaction(t.deps.db, (trx) =>
      moveChartToSurvivor(trx, {
        mergeId,
        retiredPatientId: retired,
        survivingPatientId: survivor,
        at: t.clock.now(),
      }),
    );
    expect(counts).toEqual({
      chart_encounter: 1,
      chart_entry: 1,
      chart_document: 0,
      chart_sensitivity_label: 0,
    });
    expect(await ownerOf(moved)).toBe(survivor);
    const after = (await addProblem(survivor, 'Gout')).json().id;

    const back = await withTransaction(t.deps.db, (trx) =>
      restoreChartFromMerge(trx, { mergeId, at: t.clock.now() }),
    );
    expect(back).toEqual({
      chart_encounter: 1,
      chart_entry: 1,
      chart_document: 0,
      chart_sensitivity_label: 0,
    });
    expect(await ownerOf(moved)).toBe(retired);
    expect(await ownerOf(own)).toBe(survivor);
    expect(await ownerOf(after)).toBe(survivor);
    const again = await withTransaction(t.deps.db, (trx) =>
      restoreChartFromMerge(trx, { mergeId, at: t.clock.now() }),
    );
    expect(again.chart_entry).toBe(0);
  });
});
