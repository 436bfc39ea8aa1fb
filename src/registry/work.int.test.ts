import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';

let t: TestApp;
let registrar: TestUser;
let biller: TestUser;
let registryPatientId: string;
let patientId: string;

beforeAll(async () => {
  t = await buildTestApp();
  registrar = await createTestUser(t, ['cancer_registrar']);
  biller = await createTestUser(t, ['biller']);
  patientId = (await insertTestPatient(t)).id;
  const now = t.clock.now();
  registryPatientId = (
    await t.deps.db
      .insertInto('registry_patient')
      .values({
        patient_id: patientId,
        patient_id_number: 'RP000001',
        items: {},
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

const queue = async (user: TestUser, key: string) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/my-work', headers: user.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().queues.find((q: { key: string }) => q.key === key);
};

let tumourNo = 0;
async function abstracting(firstContact: string, status: 'abstracting' | 'complete' = 'abstracting') {
  tumourNo += 1;
  const now = t.clock.now();
  const row = await t.deps.db
    .insertInto('registry_tumour')
    .values({
      registry_patient_id: registryPatientId,
      patient_id: patientId,
      tumor_record_number: String(tumourNo).padStart(2, '0'),
      dictionary_version: '25',
      items: { dateOfFirstContact: firstContact, primarySite: 'C509' },
      status,
      primary_decision: null,
      source: 'test',
      created_by: registrar.id,
      created_at: now,
      updated_by: registrar.id,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function suspense(sourceDate: string | null, status: 'open' | 'not_reportable' = 'open') {
  const row = await t.deps.db
    .insertInto('registry_suspense')
    .values({
      patient_id: patientId,
      source_kind: 'problem',
      source_id: crypto.randomUUID(),
      reason: 'C50.9 on the problem list',
      code: 'C509',
      source_date: sourceDate,
      excerpt: null,
      found_at: t.clock.now(),
      status,
      tumour_id: null,
      resolution_reason: null,
      resolved_by: null,
      resolved_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('registry queues on My work', () => {
  it('counts abstracts in progress against six months from first contact (#580), late first', async () => {
    // Today is 2026-03-02: first contact 2025-08-15 was due 2026-02-15, 2025-09-02 is due today.
    const late = await abstracting('20250815');
    await abstracting('20250902');
    await abstracting('20260201');
    await abstracting('20250101', 'complete');
    expect(await queue(registrar, 'registry-abstracting')).toMatchObject({
      duty: 'registry',
      count: 3,
      breached: 1,
      dueToday: 1,
      nextItemPath: `/registry/tumours/${late}`,
      deadline: { days: null, rule: expect.stringContaining('#580') },
    });
  });

  it('counts open case-finding hits from their source date, or when found without one', async () => {
    await suspense('2025-08-01');
    await suspense(null); // found today: due in six months
    await suspense('2025-01-01', 'not_reportable');
    expect(await queue(registrar, 'registry-suspense')).toMatchObject({
      count: 2,
      breached: 1,
      dueToday: 0,
      nextItemPath: '/registry/suspense',
    });
  });

  it('is not shown to a user without registry:write', async () => {
    expect(await queue(biller, 'registry-abstracting')).toBeUndefined();
    expect(await queue(biller, 'registry-suspense')).toBeUndefined();
  });
});
