import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { insertTestPatient } from '../../../test/factories.ts';
import { insertLabel } from '../../access/patient-access.queries.ts';
import { importCodeFile } from '../import.service.ts';
import { seedSampleIfEmpty } from '../sample.service.ts';

let t: TestApp;
let coder: TestUser;
let doctor: TestUser;
let patientId: string;

const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, user = coder) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

/** A visit recorded by the physician through the chart API and walked to completed. */
async function completedVisit(pid: string, over: object = {}, opts: { note?: 'final' | 'draft' } = {}) {
  const res = await send(
    'POST',
    `/api/patients/${pid}/encounters`,
    {
      class: 'appointment',
      type: 'follow-up',
      startsAt: '2026-02-10T09:30:00Z',
      providerId: doctor.id,
      location: 'North Clinic',
      reason: 'diabetes review',
      ...over,
    },
    doctor,
  );
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  let version = 1;
  for (const status of ['arrived', 'in_progress', 'completed']) {
    const r = await send('POST', `/api/encounters/${id}/status`, { status, version }, doctor);
    version = r.json().version;
  }
  if (opts.note) {
    const note = await send(
      'POST',
      `/api/patients/${pid}/notes`,
      {
        kind: 'note',
        encounterId: id,
        data: { noteType: 'progress_note', title: 'Visit', text: 'Type 2 diabetes.', status: opts.note },
      },
      doctor,
    );
    expect(note.statusCode).toBe(201);
  }
  return id;
}

const dx = (code: string, sequence: number, poa?: string) => ({ code, sequence, ...(poa ? { poa } : {}) });
const save = (id: string, version: number, body: object) =>
  send('PUT', `/api/coding/encounters/${id}`, { version, diagnoses: [], ...body });

beforeAll(async () => {
  t = await buildTestApp();
  await seedSampleIfEmpty({ ...t.deps, requestId: 'seed', channel: 'cli', operator: 'test' });
  coder = await createTestUser(t, ['coder']);
  doctor = await createTestUser(t, ['physician']);
  patientId = (await insertTestPatient(t, { birthDate: '1960-05-01', sex: 'F' })).id;
});
afterAll(() => t.close());

describe('coder work queue', () => {
  it('lists completed encounters only, complete charts first, with filters and pages', async () => {
    const other = (await insertTestPatient(t, { birthDate: '2015-01-01', sex: 'M' })).id;
    await t.deps.db
      .insertInto('patient_coverage')
      .values({
        patient_id: other,
        priority: 'primary',
        payer: 'Synthetic Mutual',
        member_id: 'SM-1',
        subscriber_name: 'Test Subscriber',
        relationship: 'self',
        effective_from: '2026-01-01',
        plan: null,
        group_number: null,
        effective_to: null,
        created_at: t.clock.now(),
      })
      .execute();
    const draft = await completedVisit(patientId, { location: 'South Hospital' }, { note: 'draft' });
    const complete = await completedVisit(other, { type: 'pediatric check' }, { note: 'final' });
    await send('POST', `/api/patients/${patientId}/encounters`, {
      class: 'appointment',
      type: 'follow-up',
      startsAt: '2026-02-11T09:30:00Z',
      providerId: doctor.id,
      location: 'North Clinic',
      reason: 'not seen yet',
    });
    const all = (await send('GET', '/api/coding/queue')).json();
    const ids = all.items.map((i: { encounterId: string }) => i.encounterId);
    expect(ids.indexOf(complete)).toBeLessThan(ids.indexOf(draft));
    expect(all.items[ids.indexOf(complete)]).toMatchObject({
      chartComplete: true,
      payer: 'Synthetic Mutual',
      ageYears: 11,
      codingStatus: 'uncoded',
      accessible: true,
    });
    expect(all.total).toBe(2);
    const q = async (qs: string) =>
      (await send('GET', `/api/coding/queue?${qs}`))
        .json()
        .items.map((i: { encounterId: string }) => i.encounterId);
    expect(await q('facility=south')).toEqual([draft]);
    expect(await q('type=pediatric')).toEqual([complete]);
    expect(await q('maxAge=17')).toEqual([complete]);
    expect(await q('minAge=18')).toEqual([draft]);
    expect(await q('payer=mutual')).toEqual([complete]);
    expect(await q('pageSize=1&page=2')).toHaveLength(1);
    const bad = await send('GET', '/api/coding/queue?minAge=40&maxAge=20');
    expect(bad.json().error.details.issues[0].field).toBe('maxAge');
  });
});

describe('coding an encounter', () => {
  it('shows the chart beside the codes, saves with stored edits, blocks final on errors, then finalizes', async () => {
    const id = await completedVisit(patientId, {}, { note: 'final' });
    const screen = (await send('GET', `/api/coding/encounters/${id}`)).json();
    expect(screen.notes[0]).toMatchObject({ title: 'Visit', status: 'final' });
    expect(screen.patient).toMatchObject({ ageYears: 65, sex: 'F' });
    expect(screen.encounter.dateOfService).toBe('2026-02-10');
    expect(screen.coding).toMatchObject({ status: 'uncoded', version: 0, allowedActions: ['save', 'hold'] });

    const first = await save(id, 0, { diagnoses: [dx('E11', 1), dx('I10', 2)], coderNotes: 'check A1c' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'coded', version: 1, coderNotes: 'check A1c' });
    expect(first.json().edits.map((f: { edit: string }) => f.edit)).toContain('HEADER_CODE');

    const blocked = await send('POST', `/api/coding/encounters/${id}/finalize`, { version: 1 });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toMatchObject({ code: 'CODING_EDITS_BLOCK_FINAL' });
    expect(blocked.json().error.details).toMatchObject({ currentVersion: 2 });

    const fixed = await save(id, 2, { diagnoses: [dx('E11.9', 1), dx('I10', 2)] });
    expect(fixed.json()).toMatchObject({ version: 3, edits: [] });
    expect(fixed.json().diagnoses[0].code).toBe('E119');
    const final = await send('POST', `/api/coding/encounters/${id}/finalize`, { version: 3 });
    expect(final.statusCode).toBe(200);
    expect(final.json()).toMatchObject({ status: 'final', allowedActions: ['reopen'] });
    expect(final.json().finalizedBy).toBe(coder.id);

    const late = await save(id, 4, { diagnoses: [dx('I10', 1)] });
    expect(late.json().error.code).toBe('CODING_ACTION_NOT_ALLOWED');
    const reopen = await send('POST', `/api/coding/encounters/${id}/reopen`, {
      version: 4,
      reason: 'query answer',
    });
    expect(reopen.json()).toMatchObject({ status: 'coded', finalizedBy: null });

    const history = (await send('GET', `/api/coding/encounters/${id}/versions`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'reopen',
      'finalize',
      'save',
      'finalize_blocked',
      'save',
    ]);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('resource_id', '=', id)
      .where('action', 'like', 'coding.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      'coding.encounter.read:success',
      'coding.encounter.save:success',
      'coding.encounter.finalize:failure',
      'coding.encounter.save:success',
      'coding.encounter.finalize:success',
      'coding.encounter.reopen:success',
      'coding.encounter.history:success',
    ]);
    expect(JSON.stringify(audit)).not.toContain('E119');
  });

  it('reports every fault at once and saves nothing', async () => {
    const id = await completedVisit(patientId);
    const res = await save(id, 0, {
      diagnoses: [dx('E119', 1), dx('I10', 3)],
      procedures: [{ system: 'icd10pcs', code: '0DTJ4ZZ', date: '2026-03-01' }],
      drugs: [{ code: 'A4253', units: 1 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual([
      'diagnoses',
      'procedures.0.system',
      'procedures.0.date',
      'drugs.0.code',
    ]);
    expect(
      await t.deps.db
        .selectFrom('coding_encounter')
        .where('encounter_id', '=', id)
        .select('version')
        .execute(),
    ).toEqual([]);
  });

  it('refuses a stale version (optimistic concurrency) and an encounter not yet completed', async () => {
    const id = await completedVisit(patientId);
    expect((await save(id, 0, { diagnoses: [dx('I10', 1)] })).statusCode).toBe(200);
    const stale = await save(id, 0, { diagnoses: [dx('E119', 1)] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 1 } });
    const open = await send(
      'POST',
      `/api/patients/${patientId}/encounters`,
      {
        class: 'appointment',
        type: 'follow-up',
        startsAt: '2026-02-12T09:30:00Z',
        providerId: doctor.id,
        location: 'North Clinic',
        reason: 'not seen yet',
      },
      doctor,
    );
    const notReady = await save(open.json().id, 0, { diagnoses: [dx('I10', 1)] });
    expect(notReady.json().error.code).toBe('ENCOUNTER_NOT_READY_TO_CODE');
  });

  it('holds for a clinician query: the open query blocks final until the clinician answers', async () => {
    const id = await completedVisit(patientId);
    await save(id, 0, { diagnoses: [dx('I10', 1)] });
    const question = 'Please clarify the type of diabetes documented.';
    const bad = await send('POST', `/api/coding/encounters/${id}/hold`, {
      version: 1,
      question,
      options: ['x'],
    });
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual([
      'options',
      'dueOn',
    ]);
    const hold = await send('POST', `/api/coding/encounters/${id}/hold`, {
      version: 1,
      question,
      options: ['Type 1', 'Type 2', 'Other', 'Clinically undetermined'],
      dueOn: '2026-03-09',
    });
    expect(hold.json()).toMatchObject({
      status: 'on_hold',
      holdQuestion: question,
      allowedActions: ['save', 'release'],
    });
    const mine = (
      await send('GET', `/api/completion/my-queries?encounterId=${id}`, undefined, doctor)
    ).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ question, openedByRole: 'coder', status: 'open' });

    const onHold = await send('POST', `/api/coding/encounters/${id}/finalize`, { version: 2 });
    expect(onHold.json().error.code).toBe('CODING_ACTION_NOT_ALLOWED');
    const release = await send('POST', `/api/coding/encounters/${id}/release`, { version: 2 });
    expect(release.json()).toMatchObject({ status: 'coded', holdQuestion: null });
    const open = await send('POST', `/api/coding/encounters/${id}/finalize`, { version: 3 });
    expect(open.json().error).toMatchObject({ code: 'OPEN_CLINICIAN_QUERIES', details: { openQueries: 1 } });

    const answer = await send(
      'POST',
      `/api/completion/queries/${mine.items[0].id}/answer`,
      { option: 'Type 2' },
      doctor,
    );
    expect(answer.statusCode).toBe(200);
    const final = await send('POST', `/api/coding/encounters/${id}/finalize`, { version: 3 });
    expect(final.json()).toMatchObject({ status: 'final' });
  });

  it('codes an inpatient stay by its discharge date, with POA and ICD-10-PCS', async () => {
    const text = '1\tZ00.00\tEncounter for general adult medical exam\n';
    await importCodeFile(
      { ...t.deps, requestId: 'poa', channel: 'cli', operator: 'test' },
      { kind: 'poa-exempt', version: 'FY2026', text, checksum: 'poa-test', sourceName: 'poa.txt' },
    );
    const id = await completedVisit(patientId, {
      class: 'inpatient',
      startsAt: '2026-02-01T08:00:00Z',
      dischargedAt: '2026-02-05T12:00:00Z',
      dischargeDisposition: 'home',
    });
    const screen = (await send('GET', `/api/coding/encounters/${id}`)).json();
    expect(screen.encounter.dateOfService).toBe('2026-02-05');
    const res = await save(id, 0, {
      diagnoses: [dx('I21.4', 1, 'Y'), dx('E11.9', 2)],
      procedures: [{ system: 'icd10pcs', code: '0DTJ4ZZ', date: '2026-02-02' }],
    });
    expect(res.statusCode).toBe(200);
    const edits = res.json().edits.map((f: { edit: string; codes: string[] }) => `${f.edit}:${f.codes}`);
    expect(edits).toContain('POA_MISSING:E11.9');
  });

  it('gives the productivity report per coder and day', async () => {
    const res = await send('GET', '/api/coding/productivity?from=2026-03-01&to=2026-03-31');
    const mine = res.json().rows.find((r: { coderId: string }) => r.coderId === coder.id);
    expect(mine).toMatchObject({ day: '2026-03-02', encountersFinalized: 2 });
    expect(mine.encountersCoded).toBeGreaterThanOrEqual(4);
    expect(mine.errorsHit).toBeGreaterThan(0);
  });
});

describe('forbidden paths', () => {
  it('refuses users without coding:write and unauthenticated calls', async () => {
    const id = await completedVisit(patientId);
    expect((await send('GET', '/api/coding/queue', undefined, doctor)).statusCode).toBe(403);
    expect(
      (await send('PUT', `/api/coding/encounters/${id}`, { version: 0, diagnoses: [] }, doctor)).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/coding/encounters/${id}` })).statusCode).toBe(401);
  });

  it("keeps a restricted patient's identity out of the queue and refuses (and audits) opening it", async () => {
    const secret = (await insertTestPatient(t)).id;
    const id = await completedVisit(secret);
    await insertLabel(t.deps.db, {
      patient_id: secret,
      label: 'confidential',
      note: null,
      created_at: t.clock.now(),
      created_by: null,
    });
    const items = (await send('GET', '/api/coding/queue?pageSize=100')).json().items;
    expect(items.find((i: { encounterId: string }) => i.encounterId === id)).toMatchObject({
      accessible: false,
      patientName: null,
      mrn: null,
      patientId: null,
    });
    const res = await send('GET', `/api/coding/encounters/${id}`);
    expect(res.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('outcome', '=', 'denied')
      .where(sql<boolean>`patient_ids @> array[${secret}]::uuid[]`)
      .execute();
    expect(denied.map((d) => d.action)).toContain('patient.access_denied');
  });
});
