import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { sharedData } from '../../test/shared-data.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { runCasefinding } from './casefind.service.ts';
import { clearDictionaryCache, loadDictionary } from './dictionary.service.ts';

let t: TestApp;
let registrar: TestUser;
let doctor: TestUser;
let coder: TestUser;
let privacy: TestUser;

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, user: TestUser | null, payload?: object) =>
  t.app.inject({ method, url, headers: user?.headers ?? {}, ...(payload ? { payload } : {}) });

/** A patient with a reportable problem, found and accepted: returns the new tumour's id. */
async function openCase(family: string): Promise<{ patientId: string; tumourId: string }> {
  const patientId = (await insertTestPatient(t, { family, given: 'Ada', sex: 'F', birthDate: '1961-04-12' }))
    .id;
  const made = await send('POST', `/api/patients/${patientId}/history`, doctor, {
    kind: 'problem',
    data: {
      description: 'Malignant neoplasm of breast',
      code: 'C50.912',
      status: 'active',
      onsetDate: '2026-01-20',
    },
  });
  expect(made.statusCode).toBe(201);
  t.clock.advanceMinutes(1);
  await runCasefinding({ ...cliContext(t.deps), channel: 'job' }, { trigger: 'test' });
  const open = (
    await send('GET', `/api/registry/suspense?status=open&patientId=${patientId}`, registrar)
  ).json().items as { id: string }[];
  expect(open).toHaveLength(1);
  const accepted = await send('POST', `/api/registry/suspense/${open[0]?.id}/accept`, registrar);
  expect(accepted.statusCode).toBe(200);
  return { patientId, tumourId: accepted.json().tumourId as string };
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
  t = await buildTestApp();
  clearDictionaryCache();
  await loadDictionary(
    cliContext(t.deps),
    readFileSync(sharedData('naaccr', 'dictionaries', 'naaccr-dictionary-260.xml'), 'utf8'),
  );
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

  it('refuses the signed-out and those without the registry permission (audited), and hides restricted patients', async () => {
    expect((await send('PATCH', `/api/registry/tumours/${tumourId}`, null, { version: 3 })).statusCode).toBe(
      401,
    );
    const denied = await send('PATCH', `/api/registry/tumours/${tumourId}`, coder, {
      version: 3,
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
