import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { grantCareRelationship } from '../access/index.ts';
import { insertLabel } from '../access/patient-access.queries.ts';

// Issue 12 item 1, second leak: a restriction label on a retired record must follow its chart to the
// survivor (the stricter record wins), and the care relationships that open it must follow too.

let t: TestApp;
let him: TestUser;
let coder: TestUser;
let treating: TestUser;
let otherNurse: TestUser;
let roi: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  him = await createTestUser(t, ['him_clerk']);
  coder = await createTestUser(t, ['coder']);
  treating = await createTestUser(t, ['nurse']);
  otherNurse = await createTestUser(t, ['nurse']);
  roi = await createTestUser(t, ['roi_specialist']);
});
afterAll(() => t.close());

const read = (id: string, user: TestUser) =>
  t.app.inject({ method: 'GET', url: `/api/patients/${id}`, headers: user.headers });

const post = (url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: him.headers, payload });

const labelsOf = async (id: string) =>
  (
    await t.deps.db
      .selectFrom('access_patient_label')
      .select('label')
      .where('patient_id', '=', id)
      .where('removed_at', 'is', null)
      .execute()
  ).map((r) => r.label);

async function labelledPair(label: string) {
  const retired = (await insertTestPatient(t, { family: 'Labelfollow' })).id;
  const survivor = (await insertTestPatient(t, { family: 'Labelfollow' })).id;
  await insertLabel(t.deps.db, {
    patient_id: retired,
    label,
    note: null,
    created_at: t.clock.now(),
    created_by: null,
  });
  await grantCareRelationship(t.deps.db, {
    userId: treating.id,
    patientId: retired,
    kind: 'treating',
    validFrom: new Date(t.clock.now().getTime() - 60_000),
    source: 'test:merge-labels',
  });
  return { retired, survivor };
}

describe('a labelled patient merged into an unlabelled one', () => {
  it('the survivor carries the label and the care relationship; unmerge gives them back', async () => {
    const { retired, survivor } = await labelledPair('confidential');
    expect((await read(survivor, coder)).statusCode).toBe(200);
    expect((await read(retired, coder)).statusCode).toBe(403);

    const merge = await post('/api/patients/merges', {
      survivorId: survivor,
      retiredId: retired,
      reason: 'Same person registered twice',
    });
    expect(merge.statusCode).toBeLessThan(300);

    // Stricter wins: the merged record is confidential, so the coder no longer opens it…
    expect(await labelsOf(survivor)).toEqual(['confidential']);
    expect((await read(survivor, coder)).statusCode).toBe(403);
    expect((await read(survivor, otherNurse)).statusCode).toBe(403);
    // …and the clinician who treated the retired record keeps access through the moved relationship.
    expect((await read(survivor, treating)).statusCode).toBe(200);
    // The retired record keeps its own label.
    expect(await labelsOf(retired)).toEqual(['confidential']);

    const un = await post(`/api/patients/merges/${merge.json().mergeId}/unmerge`, {});
    expect(un.statusCode).toBeLessThan(300);
    expect(await labelsOf(survivor)).toEqual([]);
    expect((await read(survivor, coder)).statusCode).toBe(200);
    expect(await labelsOf(retired)).toEqual(['confidential']);
    expect((await read(retired, treating)).statusCode).toBe(200);
    expect((await read(retired, otherNurse)).statusCode).toBe(403);
  });

  it('a label the survivor already has stays after unmerge', async () => {
    const { retired, survivor } = await labelledPair('vip');
    await insertLabel(t.deps.db, {
      patient_id: survivor,
      label: 'vip',
      note: null,
      created_at: t.clock.now(),
      created_by: null,
    });
    const merge = await post('/api/patients/merges', { survivorId: survivor, retiredId: retired });
    expect(merge.statusCode).toBeLessThan(300);
    expect(await labelsOf(survivor)).toEqual(['vip']);
    const un = await post(`/api/patients/merges/${merge.json().mergeId}/unmerge`, {});
    expect(un.statusCode).toBeLessThan(300);
    expect(await labelsOf(survivor)).toEqual(['vip']);
    expect(await labelsOf(retired)).toEqual(['vip']);
  });

  it("the retired record's disclosure preferences (164.522) follow it to the survivor and back", async () => {
    const retired = (await insertTestPatient(t, { family: 'Preffollow' })).id;
    const survivor = (await insertTestPatient(t, { family: 'Preffollow' })).id;
    const pref = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${retired}/disclosure-preferences`,
      headers: roi.headers,
      payload: {
        kind: 'confidential-communication',
        description: 'Send mail only to my work address',
        alternateAddress: 'PO Box 77, Springfield IL 62701',
      },
    });
    expect(pref.statusCode).toBe(200);
    const prefs = async (id: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/patients/${id}/disclosure-preferences`,
          headers: roi.headers,
        })
      )
        .json()
        .items.map((p: { description: string }) => p.description);
    expect(await prefs(retired)).toEqual(['Send mail only to my work address']);
    const merge = await post('/api/patients/merges', { survivorId: survivor, retiredId: retired });
    expect(merge.statusCode).toBeLessThan(300);
    expect(await prefs(survivor)).toEqual(['Send mail only to my work address']);
    expect(await prefs(retired)).toEqual([]);
    const un = await post(`/api/patients/merges/${merge.json().mergeId}/unmerge`, {});
    expect(un.statusCode).toBeLessThan(300);
    expect(await prefs(retired)).toEqual(['Send mail only to my work address']);
    expect(await prefs(survivor)).toEqual([]);
  });

  it("the survivor's accounting of disclosures (164.528) lists the retired record's, until an unmerge", async () => {
    const retired = (await insertTestPatient(t, { family: 'Accountfollow' })).id;
    const survivor = (await insertTestPatient(t, { family: 'Accountfollow' })).id;
    await t.deps.db
      .insertInto('disclosure_record')
      .values({
        patient_id: retired,
        request_id: null,
        disclosed_on: '2026-02-10',
        recipient_name: 'Synthetic Insurance Co',
        recipient_address: null,
        description: 'Discharge summary',
        purpose: 'Subpoena',
        authorization_id: null,
        accountable: true,
        exempt_category: null,
        created_by: null,
        created_at: t.clock.now(),
      })
      .execute();
    const listed = async (id: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/patients/${id}/disclosures`, headers: roi.headers }))
        .json()
        .disclosures.map((d: { recipient: string }) => d.recipient);
    expect(await listed(survivor)).toEqual([]);
    const merge = await post('/api/patients/merges', { survivorId: survivor, retiredId: retired });
    expect(merge.statusCode).toBeLessThan(300);
    expect(await listed(survivor)).toEqual(['Synthetic Insurance Co']);
    const un = await post(`/api/patients/merges/${merge.json().mergeId}/unmerge`, {});
    expect(un.statusCode).toBeLessThan(300);
    expect(await listed(survivor)).toEqual([]);
    expect(await listed(retired)).toEqual(['Synthetic Insurance Co']);
  });
});
