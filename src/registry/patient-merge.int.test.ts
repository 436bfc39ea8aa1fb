import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import {
  acceptHit as acceptRegistryHit,
  findHit as findRegistryHit,
  registryTestApp,
  sender,
} from '../../test/registry.ts';

let t: TestApp;
let registrar: TestUser;
let doctor: TestUser;
let him: TestUser;

const send = (...a: Parameters<ReturnType<typeof sender>>) => sender(t)(...a);

async function newPatient(family: string): Promise<string> {
  return (await insertTestPatient(t, { family, given: 'Ruth', sex: 'F', birthDate: '1950-02-03' })).id;
}

/** Records a reportable problem and runs case finding: returns the open hit's id. */
const findHit = (patientId: string, code: string) =>
  findRegistryHit(t, { doctor, registrar }, patientId, { code });
const accept = (hitId: string) => acceptRegistryHit(t, registrar, hitId);

const tumourRow = (id: string) =>
  t.deps.db
    .selectFrom('registry_tumour')
    .select(['patient_id', 'registry_patient_id', 'tumor_record_number'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const registryPatientOf = (patientId: string) =>
  t.deps.db.selectFrom('registry_patient').select(['id']).where('patient_id', '=', patientId).execute();
const hitOwner = async (id: string) =>
  (
    await t.deps.db
      .selectFrom('registry_suspense')
      .select('patient_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).patient_id;

async function merge(survivorId: string, retiredId: string): Promise<string> {
  const r = await send('POST', '/api/patients/merges', him, {
    survivorId,
    retiredId,
    reason: 'Same person registered twice',
  });
  expect(r.statusCode).toBeLessThan(300);
  return r.json().mergeId as string;
}
async function unmerge(mergeId: string) {
  const r = await send('POST', `/api/patients/merges/${mergeId}/unmerge`, him, {});
  expect(r.statusCode).toBeLessThan(300);
}

beforeAll(async () => {
  t = await registryTestApp();
  registrar = await createTestUser(t, ['cancer_registrar']);
  doctor = await createTestUser(t, ['physician']);
  him = await createTestUser(t, ['him_clerk']);
});
afterAll(() => t.close());

describe('patient merge moves registry data (registry merge handlers)', () => {
  it('hands the retired record’s registry patient, tumours and hits to a survivor with none; unmerge gives them back', async () => {
    const retired = await newPatient('Regmergeone');
    const survivor = await newPatient('Regmergeone');
    const tumourId = await accept(await findHit(retired, 'C50.912'));
    const hitId = await findHit(retired, 'C18.7');
    const [rp] = await registryPatientOf(retired);

    const mergeId = await merge(survivor, retired);
    expect(await tumourRow(tumourId)).toMatchObject({ patient_id: survivor, registry_patient_id: rp?.id });
    expect(await registryPatientOf(survivor)).toEqual([{ id: rp?.id }]);
    expect(await registryPatientOf(retired)).toEqual([]);
    expect(await hitOwner(hitId)).toBe(survivor);
    // The survivor's tumours are read through the survivor now.
    const read = await send('GET', `/api/registry/tumours/${tumourId}`, registrar);
    expect(read.statusCode).toBe(200);
    expect(read.json().patientId).toBe(survivor);

    await unmerge(mergeId);
    expect(await tumourRow(tumourId)).toMatchObject({ patient_id: retired, registry_patient_id: rp?.id });
    expect(await registryPatientOf(retired)).toEqual([{ id: rp?.id }]);
    expect(await registryPatientOf(survivor)).toEqual([]);
    expect(await hitOwner(hitId)).toBe(retired);
  });

  it('moves tumours under the survivor’s registry patient, renumbering a clashing record number, and back', async () => {
    const retired = await newPatient('Regmergetwo');
    const survivor = await newPatient('Regmergetwo');
    const kept = await accept(await findHit(survivor, 'C34.11'));
    const moving = await accept(await findHit(retired, 'C61'));
    const [rpSurvivor] = await registryPatientOf(survivor);
    const [rpRetired] = await registryPatientOf(retired);
    expect((await tumourRow(kept)).tumor_record_number).toBe('01');
    expect((await tumourRow(moving)).tumor_record_number).toBe('01');

    const mergeId = await merge(survivor, retired);
    expect(await tumourRow(kept)).toMatchObject({ patient_id: survivor, tumor_record_number: '01' });
    expect(await tumourRow(moving)).toMatchObject({
      patient_id: survivor,
      registry_patient_id: rpSurvivor?.id,
      tumor_record_number: '02',
    });
    const moved = await t.deps.db
      .selectFrom('patient_merge')
      .select('moved')
      .where('id', '=', mergeId)
      .executeTakeFirstOrThrow();
    expect((moved.moved as Record<string, string[]>).registry_tumour).toEqual([
      `registry_tumour:${moving}:${rpRetired?.id}:01`,
    ]);

    await unmerge(mergeId);
    expect(await tumourRow(moving)).toMatchObject({
      patient_id: retired,
      registry_patient_id: rpRetired?.id,
      tumor_record_number: '01',
    });
    expect(await tumourRow(kept)).toMatchObject({
      patient_id: survivor,
      registry_patient_id: rpSurvivor?.id,
    });
  });

  it('a merge of patients without registry data moves nothing of the registry', async () => {
    const retired = await newPatient('Regmergethree');
    const survivor = await newPatient('Regmergethree');
    const mergeId = await merge(survivor, retired);
    const moved = await t.deps.db
      .selectFrom('patient_merge')
      .select('moved')
      .where('id', '=', mergeId)
      .executeTakeFirstOrThrow();
    expect(moved.moved).toMatchObject({ registry_tumour: [], registry_suspense: [] });
  });
});
