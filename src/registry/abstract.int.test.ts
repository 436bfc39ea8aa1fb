import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { openCase as openRegistryCase, registryTestApp, sender } from '../../test/registry.ts';

let t: TestApp;
let registrar: TestUser;
let doctor: TestUser;
let coder: TestUser;
let privacy: TestUser;

const send = (...a: Parameters<ReturnType<typeof sender>>) => sender(t)(...a);

/** A patient with a reportable problem, found and accepted: returns the new tumour's id. */
async function openCase(family: string): Promise<{ patientId: string; tumourId: string }> {
  const patientId = (await insertTestPatient(t, { family, given: 'Ada', sex: 'F', birthDate: '1961-04-12' }))
    .id;
  const tumourId = await openRegistryCase(t, { doctor, registrar }, patientId, {
    code: 'C50.912',
    onsetDate: '2026-01-20',
    description: 'Malignant neoplasm of breast',
  });
  return { patientId, tumourId };
}

const auditActions = async (tumourId: string) =>
  (
    await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('resource_id', '=', tumourId)
      .orderBy('occurred_at')
      .execute()
  ).map((e) => `${e.action}:${e.outcome}`);

beforeAll(async () => {
  t = await registryTestApp();
  registrar = await createTestUser(t, ['cancer_registrar']);
  doctor = await createTestUser(t, ['physician']);
  coder = await createTestUser(t, ['coder']);
  privacy = await createTestUser(t, ['privacy_officer']);
});
afterAll(() => t.close());

describe('saving an abstract', () => {
  let tumourId: string;

  it('saves NAACCR items by XML id, versioned and audited', async () => {
    ({ tumourId } = await openCase('Abstract'));
    const r = await send('PATCH', `/api/registry/tumours/${tumourId}`, registrar, {
      version: 1,
      items: { primarySite: 'C504', laterality: '2', histologicTypeIcdO3: '8500', behaviorCodeIcdO3: '3' },
      patientItems: { dateOfLastContact: '20260301' },
    });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.version).toBe(2);
    expect(body.items).toMatchObject({
      primarySite: 'C504',
      laterality: '2',
      medicalRecordNumber: expect.any(String),
    });
    expect(body.patientItems.dateOfLastContact).toBe('20260301');
    expect(body.history[0]).toMatchObject({
      version: 2,
      changedItems: [
        'behaviorCodeIcdO3',
        'dateOfLastContact',
        'histologicTypeIcdO3',
        'laterality',
        'primarySite',
      ],
      changedBy: registrar.username,
    });
    // A blank value removes the item; an unchanged save writes no version.
    const cleared = await send('PATCH', `/api/registry/tumours/${tumourId}`, registrar, {
      version: 2,
      items: { laterality: '', primarySite: 'C504' },
    });
    expect(cleared.json()).toMatchObject({ version: 3, history: [{ changedItems: ['laterality'] }, {}, {}] });
    expect(cleared.json().items.laterality).toBeUndefined();
    const same = await send('PATCH', `/api/registry/tumours/${tumourId}`, registrar, {
      version: 3,
      items: { primarySite: 'C504' },
    });
    expect(same.json().version).toBe(3);
    expect(await auditActions(tumourId)).toEqual(
      expect.arrayContaining(['registry.abstract_save:success', 'registry.tumour_read:success']),
    );
  });

  it('refuses invalid items, naming each by id and number, and writes nothing', async () => {
    const r = await send('PATCH', `/api/registry/tumours/${tumourId}`, registrar, {
      version: 3,
      items: {
        primarySite: 'C5041', // 5 characters, #400 has 4
        laterality: 'X', // digits
        noSuchItem: '1',
        vitalStatus: '1', // a Patient item sent as a Tumor item
        tumorRecordNumber: '09',
      },
      patientItems: { nameLast: 'Typedtwice', dateOfLastContact: '20261345' },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('REGISTRY_ITEM_INVALID');
    const problems = r.json().error.details.items as { naaccrId: string; naaccrNum: number | null }[];
    expect(problems.map((p) => [p.naaccrId, p.naaccrNum])).toEqual([
      ['primarySite', 400],
      ['laterality', 410],
      ['noSuchItem', null],
      ['vitalStatus', 1760],
      ['tumorRecordNumber', 60],
      ['nameLast', 2230],
      ['dateOfLastContact', 1750],
    ]);
    const now = await send('GET', `/api/registry/tumours/${tumourId}`, registrar);
    expect(now.json()).toMatchObject({ version: 3, items: { primarySite: 'C504' } });
    expect(now.json().patientItems).toMatchObject({ nameLast: 'Abstract', dateOfLastContact: '20260301' });
  });

  it('refuses a save over a newer version', async () => {
    const r = await send('PATCH', `/api/registry/tumours/${tumourId}`, registrar, {
      version: 2,
      items: { grade: '2' },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: 'REGISTRY_VERSION_CONFLICT', details: { current: 3 } });
  });

  it('runs the edits on read and save, and refuses to complete an abstract with errors', async () => {
    const read = await send('GET', `/api/registry/tumours/${tumourId}`, registrar);
    const edits = read.json().edits as { id: string; items: { naaccrNum: number }[] }[];
    expect(edits.map((e) => e.id)).toEqual(['REG100']);
    const refused = await send('POST', `/api/registry/tumours/${tumourId}/complete`, registrar, {
      version: 3,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('REGISTRY_EDITS_FAILED');
    expect(refused.json().error.details.edits[0].items[0].naaccrNum).toBe(610);

    const saved = await send('PATCH', `/api/registry/tumours/${tumourId}`, registrar, {
      version: 3,
      items: {
        classOfCase: '14',
        dateOfDiagnosis: '20260118',
        laterality: '2',
        diagnosticConfirmation: '1',
        sequenceNumberHospital: '00',
        summaryStage2018: '1',
        gradeClinical: '2',
        ageAtDiagnosis: '064',
        rxSummSurgPrimSite2023: 'B200',
        rxDateSurgery: '20260210',
        rxSummRadiation: '0',
        rxSummChemo: '00',
        rxSummHormone: '01',
        rxSummBrm: '00',
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().edits).toEqual([]);
    const done = await send('POST', `/api/registry/tumours/${tumourId}/complete`, registrar, { version: 4 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'complete',
      version: 5,
      items: { dateCaseCompleted: '20260302' },
    });

    // A save that breaks an edit sends the abstract back to abstracting.
    const broken = await send('PATCH', `/api/registry/tumours/${tumourId}`, registrar, {
      version: 5,
      items: { rxDateSurgery: '20251201' },
    });
    expect(broken.json()).toMatchObject({ status: 'abstracting', edits: [{ id: 'REG040' }] });
    expect(await auditActions(tumourId)).toEqual(
      expect.arrayContaining([
        'registry.abstract_complete_refused:success',
        'registry.abstract_complete:success',
      ]),
    );
  });

  it('checks items being typed without saving them', async () => {
    const r = await send('POST', '/api/registry/edits', registrar, {
      dictionaryVersion: '260',
      items: { primarySite: 'C61', classOfCase: '32' },
      patientItems: {},
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().problems).toEqual([]);
    expect(r.json().edits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'REG010', items: [{ naaccrNum: 400, naaccrId: 'primarySite' }] }),
      ]),
    );
    expect((await send('POST', '/api/registry/edits', coder, { dictionaryVersion: '260' })).statusCode).toBe(
      403,
    );
  });

  it('refuses the signed-out and those without the registry permission (audited), and hides restricted patients', async () => {
    expect((await send('PATCH', `/api/registry/tumours/${tumourId}`, null, { version: 3 })).statusCode).toBe(
      401,
    );
    const denied = await send('PATCH', `/api/registry/tumours/${tumourId}`, coder, {
      version: 6,
      items: { grade: '2' },
    });
    expect(denied.statusCode).toBe(403);
    const refusals = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('actor_username', '=', coder.username)
      .where('outcome', '!=', 'success')
      .execute();
    expect(refusals.length).toBeGreaterThan(0);

    const other = await openCase('Restricted');
    const label = await send('POST', `/api/patients/${other.patientId}/restriction-labels`, privacy, {
      label: 'confidential',
      reason: 'Court order',
    });
    expect(label.statusCode).toBe(200);
    const hidden = await send('PATCH', `/api/registry/tumours/${other.tumourId}`, registrar, {
      version: 1,
      items: { grade: '2' },
    });
    expect(hidden.statusCode).toBe(404);
    const row = await t.deps.db
      .selectFrom('registry_tumour')
      .select(['version', 'items'])
      .where('id', '=', other.tumourId)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
    expect(row.items.grade).toBeUndefined();
  });
});
