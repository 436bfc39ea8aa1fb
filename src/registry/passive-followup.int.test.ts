import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { openCase, registryJob, registryTestApp, sender } from '../../test/registry.ts';
import { runPassiveFollowup } from './passive-followup.service.ts';

let t: TestApp;
let registrar: TestUser;
let doctor: TestUser;
let clerk: TestUser;
let coder: TestUser;
let send: ReturnType<typeof sender>;
let patientId: string;
let tumourId: string;

const tumour = async () => {
  const r = await send('GET', `/api/registry/tumours/${tumourId}`, registrar);
  expect(r.statusCode).toBe(200);
  return r.json();
};

/** A visit that took place (arrived) on `day`, entered as a physician without any registry permission. */
async function visitOn(day: string): Promise<string> {
  const made = await send('POST', `/api/patients/${patientId}/encounters`, doctor, {
    class: 'appointment',
    type: 'follow-up',
    startsAt: `${day}T09:30:00Z`,
    providerId: doctor.id,
    location: 'Oncology Clinic',
    reason: 'surveillance visit',
  });
  expect(made.statusCode).toBe(201);
  const arrived = await send('POST', `/api/encounters/${made.json().id}/status`, doctor, {
    status: 'arrived',
    version: 1,
  });
  expect(arrived.statusCode).toBe(200);
  return made.json().id as string;
}

beforeAll(async () => {
  t = await registryTestApp();
  send = sender(t);
  registrar = await createTestUser(t, ['cancer_registrar']);
  doctor = await createTestUser(t, ['physician']);
  clerk = await createTestUser(t, ['registration_clerk']);
  coder = await createTestUser(t, ['coder']);
  patientId = (
    await insertTestPatient(t, { family: 'Passive', given: 'Rose', sex: 'F', birthDate: '1955-07-01' })
  ).id;
  tumourId = await openCase(t, { doctor, registrar }, patientId, {
    code: 'C50.912',
    onsetDate: '2026-01-10',
  });
  const saved = await send('PATCH', `/api/registry/tumours/${tumourId}`, registrar, {
    version: 1,
    items: {
      dateOfDiagnosis: '20260115',
      classOfCase: '10',
      primarySite: 'C504',
      histologicTypeIcdO3: '8500',
      behaviorCodeIcdO3: '3',
    },
  });
  expect(saved.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('passive follow-up', () => {
  let laterVisit: string;

  it('an encounter after the diagnosis moves the date of last contact, naming the encounter', async () => {
    expect((await tumour()).lastContact).toBeNull();
    laterVisit = await visitOn('2026-02-20');
    const after = await tumour();
    expect(after.patientItems).toMatchObject({ dateOfLastContact: '20260220', vitalStatus: '1' });
    expect(after.items.followUpSource).toBe('1');
    expect(after.lastContact).toMatchObject({
      contactDate: '2026-02-20',
      vitalStatus: '1',
      sourceKind: 'encounter',
      sourceId: laterVisit,
    });
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'patient_ids'])
      .where('action', '=', 'registry.followup_passive')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.patient_ids).toEqual([patientId]);
  });

  it('an earlier encounter does not move it back, and a sweep changes nothing', async () => {
    await visitOn('2026-02-01');
    expect((await tumour()).patientItems.dateOfLastContact).toBe('20260220');
    expect(await runPassiveFollowup(registryJob(t))).toEqual({ screened: 1, updated: 0, deaths: 0 });
    expect((await tumour()).lastContact.sourceId).toBe(laterVisit);
  });

  it('a later result filed without an encounter is found by the sweep', async () => {
    const r = await send('POST', `/api/patients/${patientId}/results`, doctor, {
      kind: 'result',
      data: {
        code: '2345-7',
        name: 'Glucose',
        value: 5.1,
        status: 'final',
        performedAt: '2026-02-25T08:00:00Z',
      },
    });
    expect(r.statusCode).toBe(201);
    expect((await tumour()).patientItems.dateOfLastContact).toBe('20260220');
    expect(await runPassiveFollowup(registryJob(t))).toEqual({ screened: 1, updated: 1, deaths: 0 });
    expect((await tumour()).lastContact).toMatchObject({ sourceKind: 'result', sourceId: r.json().id });
  });

  it('a death record sets vital status dead with the date; nothing later says alive', async () => {
    const p = (await send('GET', `/api/patients/${patientId}`, clerk)).json();
    const died = await send('PUT', `/api/patients/${patientId}`, clerk, {
      family: p.family,
      given: p.given,
      birthDate: p.birthDate,
      sexAtBirth: p.sexAtBirth,
      dateOfDeath: '2026-02-28',
      version: p.version,
      reason: 'Death reported by the family',
    });
    expect(died.statusCode).toBe(200);
    expect(await runPassiveFollowup(registryJob(t))).toEqual({ screened: 1, updated: 0, deaths: 1 });
    const dead = await tumour();
    expect(dead.patientItems).toMatchObject({
      dateOfLastContact: '20260228',
      vitalStatus: '0',
      causeOfDeath: '7777',
    });
    expect(dead.lastContact).toMatchObject({
      sourceKind: 'death',
      contactDate: '2026-02-28',
      vitalStatus: '0',
    });
    await visitOn('2026-03-01');
    expect((await tumour()).patientItems).toMatchObject({ dateOfLastContact: '20260228', vitalStatus: '0' });
    expect(await runPassiveFollowup(registryJob(t))).toEqual({ screened: 1, updated: 0, deaths: 0 });
  });

  it('only the registry may run the sweep through the API', async () => {
    expect((await send('POST', '/api/registry/followup/passive', coder)).statusCode).toBe(403);
    const ok = await send('POST', '/api/registry/followup/passive', registrar);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ screened: 1, updated: 0, deaths: 0 });
  });
});
