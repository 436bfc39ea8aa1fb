import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { openCase, registryTestApp, sender } from '../../test/registry.ts';

let t: TestApp;
let registrar: TestUser;
let doctor: TestUser;
let coder: TestUser;
let send: ReturnType<typeof sender>;

const analytic = {
  classOfCase: '10',
  primarySite: 'C504',
  histologicTypeIcdO3: '8500',
  behaviorCodeIcdO3: '3',
};

/** A registry case for a new patient, abstracted with a diagnosis date: its registry patient and tumour ids. */
async function abstracted(family: string, dateOfDiagnosis: string, extra: Record<string, string> = {}) {
  const patientId = (await insertTestPatient(t, { family, given: 'Iris', sex: 'F', birthDate: '1958-05-06' }))
    .id;
  const tumourId = await openCase(t, { doctor, registrar }, patientId, {
    code: 'C50.912',
    onsetDate: '2026-01-10',
  });
  const saved = await send('PATCH', `/api/registry/tumours/${tumourId}`, registrar, {
    version: 1,
    items: { ...analytic, dateOfDiagnosis, ...extra },
  });
  expect(saved.statusCode).toBe(200);
  const rp = await t.deps.db
    .selectFrom('registry_patient')
    .select('id')
    .where('patient_id', '=', patientId)
    .executeTakeFirstOrThrow();
  return { patientId, tumourId, registryPatientId: rp.id };
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [path.resolve('bin/chartkeeper.mjs'), ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      DATABASE_URL: t.database.url,
      CHARTKEEPER_DATA_DIR: t.deps.config.dataDir,
    },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let lost: Awaited<ReturnType<typeof abstracted>>;
let upcoming: Awaited<ReturnType<typeof abstracted>>;

beforeAll(async () => {
  t = await registryTestApp();
  send = sender(t);
  registrar = await createTestUser(t, ['cancer_registrar']);
  doctor = await createTestUser(t, ['physician']);
  coder = await createTestUser(t, ['coder']);
  // The test clock stands at 2026-03-02.
  lost = await abstracted('Lostfollow', '20240115');
  upcoming = await abstracted('Soondue', '20250320');
  await abstracted('Nonanalytic', '20240115', { classOfCase: '32' });
});
afterAll(() => t.close());

describe('follow-up due list', () => {
  it('lists living analytic patients from the diagnosis anniversary, lost after 15 months', async () => {
    const r = await send('GET', '/api/registry/followup/due', registrar);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ asOf: '2026-03-02', total: 1, due: 1, lost: 1 });
    expect(body.items[0]).toMatchObject({
      registryPatientId: lost.registryPatientId,
      nameLast: 'Lostfollow',
      dueDate: '2025-01-15',
      state: 'lost',
      dateOfLastContact: null,
      tumours: [{ tumourId: lost.tumourId, primarySite: 'C504', dateOfDiagnosis: '2024-01-15' }],
    });
    const ahead = (await send('GET', '/api/registry/followup/due?withinDays=30', registrar)).json();
    expect(ahead.items.map((i: { nameLast: string; state: string }) => `${i.nameLast}:${i.state}`)).toEqual([
      'Lostfollow:lost',
      'Soondue:upcoming',
    ]);
  });

  it('prints the same list with `registry followup due --json` (the CLI contract)', {
    timeout: 120_000,
  }, () => {
    const r = cli(['registry', 'followup', 'due', '--json', '--as-of', '2026-03-02', '--within', '30']);
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body).toMatchObject({ asOf: '2026-03-02', total: 2, due: 1, lost: 1 });
    expect(body.items[1]).toMatchObject({
      patientIdNumber: expect.any(String),
      dueDate: '2026-03-20',
      state: 'upcoming',
    });
    expect(cli(['registry', 'followup', 'due', '--as-of', 'tomorrow']).code).not.toBe(0);
  });

  it('refuses the due list to a user without the registry permission, and audits the refusal', async () => {
    const r = await send('GET', '/api/registry/followup/due', coder);
    expect(r.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('actor_user_id', '=', coder.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});

let letterId: string;

describe('follow-up letters (mail-merge PDF)', () => {
  it('opens a batch for everyone due and prints it as one PDF, a page a letter', async () => {
    const r = await send('POST', '/api/registry/followup/letters', registrar, { recipient: 'patient' });
    expect(r.statusCode).toBe(200);
    const batch = r.json();
    expect(batch.letters).toEqual([
      { letterId: expect.any(String), registryPatientId: lost.registryPatientId, dueDate: '2025-01-15' },
    ]);
    letterId = batch.letters[0].letterId;
    const pdf = await send('GET', `/api/registry/followup/letters/${batch.batchId}/pdf`, registrar);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const doc = await PDFDocument.load(pdf.rawPayload);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe(`Follow-up letters ${batch.batchId}`);
    const due = (await send('GET', '/api/registry/followup/due', registrar)).json();
    expect(due.items[0].lastLetterAt).toBe(t.clock.now().toISOString());
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'registry.followup_letters%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'registry.followup_letters',
      'registry.followup_letters_print',
    ]);
  });

  it('writes physician letters for named patients, refusing one who is not due', async () => {
    const ok = await send('POST', '/api/registry/followup/letters', registrar, {
      recipient: 'physician',
      registryPatientIds: [lost.registryPatientId],
    });
    expect(ok.statusCode).toBe(200);
    const notDue = await send('POST', '/api/registry/followup/letters', registrar, {
      recipient: 'physician',
      registryPatientIds: [upcoming.registryPatientId],
    });
    expect(notDue.statusCode).toBe(422);
    expect(notDue.json().error.code).toBe('REGISTRY_NOT_DUE');
    const pdf = await send('GET', `/api/registry/followup/letters/${ok.json().batchId}/pdf`, coder);
    expect(pdf.statusCode).toBe(403);
  });
});

describe('recording follow-up contacts (#1750, #1760)', () => {
  it('sets date of last contact and vital status, cancer status on the tumour, and takes the patient off the list', async () => {
    const r = await send('POST', `/api/registry/patients/${lost.registryPatientId}/followup`, registrar, {
      contactDate: '2026-02-20',
      vitalStatus: '1',
      cancerStatus: '1',
      followUpSource: '3',
      sourceKind: 'letter_reply',
      letterId,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().contact).toMatchObject({ letterId, sourceKind: 'letter_reply' });
    expect(r.json()).toMatchObject({ applied: true, dateOfLastContact: '20260220', vitalStatus: '1' });
    const tumour = (await send('GET', `/api/registry/tumours/${lost.tumourId}`, registrar)).json();
    expect(tumour.patientItems).toMatchObject({
      dateOfLastContact: '20260220',
      vitalStatus: '1',
      causeOfDeath: '0000',
    });
    expect(tumour.items).toMatchObject({
      cancerStatus: '1',
      dateOfLastCancerStatus: '20260220',
      followUpSource: '3',
    });
    expect(tumour.history[0].changedItems).toEqual([
      'cancerStatus',
      'dateOfLastCancerStatus',
      'followUpSource',
    ]);
    const due = (await send('GET', '/api/registry/followup/due', registrar)).json();
    expect(due.total).toBe(0);
    const rate = (await send('GET', '/api/registry/followup/rate', registrar)).json();
    expect(rate.all).toMatchObject({ eligible: 2, current: 2, lost: 0, rate: 1 });
  });

  it('keeps an older contact in the history without moving the date of last contact back', async () => {
    const r = await send('POST', `/api/registry/patients/${lost.registryPatientId}/followup`, registrar, {
      contactDate: '2025-06-01',
      vitalStatus: '1',
      followUpSource: '2',
      sourceKind: 'chart_review',
    });
    expect(r.json()).toMatchObject({ applied: false, dateOfLastContact: '20260220' });
    const history = (
      await send('GET', `/api/registry/patients/${lost.registryPatientId}/followup`, registrar)
    ).json();
    expect(history.items.map((c: { contactDate: string }) => c.contactDate)).toEqual([
      '2026-02-20',
      '2025-06-01',
    ]);
  });

  it('records a death with its cause, then refuses a later contact saying alive', async () => {
    const dead = await send(
      'POST',
      `/api/registry/patients/${upcoming.registryPatientId}/followup`,
      registrar,
      {
        contactDate: '2026-02-01',
        vitalStatus: '0',
        causeOfDeath: 'c509',
        followUpSource: '7',
        sourceKind: 'other',
      },
    );
    expect(dead.statusCode).toBe(200);
    const t1 = (await send('GET', `/api/registry/tumours/${upcoming.tumourId}`, registrar)).json();
    expect(t1.patientItems).toMatchObject({ vitalStatus: '0', causeOfDeath: 'C509', icdRevisionNumber: '1' });
    const alive = await send(
      'POST',
      `/api/registry/patients/${upcoming.registryPatientId}/followup`,
      registrar,
      {
        contactDate: '2026-02-25',
        vitalStatus: '1',
        followUpSource: '3',
        sourceKind: 'phone',
      },
    );
    expect(alive.statusCode).toBe(409);
    expect(alive.json().error.code).toBe('REGISTRY_PATIENT_DECEASED');
  });

  it('refuses bad contacts with a coded error and writes nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('registry_followup_contact')
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const url = `/api/registry/patients/${lost.registryPatientId}/followup`;
    const base = { vitalStatus: '1', followUpSource: '3', sourceKind: 'phone' };
    const future = await send('POST', url, registrar, { ...base, contactDate: '2026-04-01' });
    expect(future.json().error.code).toBe('REGISTRY_CONTACT_IN_FUTURE');
    const early = await send('POST', url, registrar, { ...base, contactDate: '2023-12-31' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('REGISTRY_CONTACT_DATE_ORDER');
    const noCause = await send('POST', url, registrar, {
      ...base,
      vitalStatus: '0',
      contactDate: '2026-02-25',
    });
    expect(noCause.statusCode).toBe(400);
    expect(JSON.stringify(noCause.json())).toMatch(/cause of death/);
    const forbidden = await send('POST', url, coder, { ...base, contactDate: '2026-02-25' });
    expect(forbidden.statusCode).toBe(403);
    const missing = await send(
      'POST',
      '/api/registry/patients/00000000-0000-4000-8000-000000000000/followup',
      registrar,
      {
        ...base,
        contactDate: '2026-02-25',
      },
    );
    expect(missing.statusCode).toBe(404);
    expect(await count()).toBe(before);
  });
});
