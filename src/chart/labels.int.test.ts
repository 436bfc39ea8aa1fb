import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';

let t: TestApp;
let clerk: TestUser;
let doctor: TestUser;
let coder: TestUser;
let patientId: string;

beforeAll(async () => {
  t = await buildTestApp();
  clerk = await createTestUser(t, ['him_clerk']);
  doctor = await createTestUser(t, ['physician']);
  coder = await createTestUser(t, ['coder']);
  patientId = (await insertTestPatient(t)).id;
});
afterAll(() => t.close());

const send = (user: TestUser, method: 'POST' | 'GET', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

async function note(title: string) {
  const res = await send(clerk, 'POST', `/api/patients/${patientId}/notes`, {
    kind: 'note',
    data: { noteType: 'progress_note', title, text: 'Synthetic note text.', status: 'final' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('sensitivity labels on entries', () => {
  it('hides a Part 2 entry from roles that may not see it, refuses direct reads and audits them', async () => {
    const plain = await note('Follow-up visit');
    const sud = await note('Substance use counselling');
    const set = await send(clerk, 'POST', `/api/chart-entries/${sud}/labels`, {
      label: 'substance_use_part2',
      reason: 'Part 2 programme note',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().labels).toEqual(['substance_use_part2']);

    const ids = async (u: TestUser) =>
      (await send(u, 'GET', `/api/patients/${patientId}/notes`))
        .json()
        .items.map((e: { id: string }) => e.id);
    expect(await ids(clerk)).toEqual(expect.arrayContaining([plain, sud]));
    expect(await ids(doctor)).toEqual([plain]);
    expect(await ids(coder)).toEqual([plain]);
    const summary = (await send(doctor, 'GET', `/api/patients/${patientId}/chart`)).json();
    expect(summary.collections.notes.map((e: { id: string }) => e.id)).toEqual([plain]);

    const direct = await send(doctor, 'GET', `/api/chart-entries/${sud}`);
    expect(direct.statusCode).toBe(403);
    expect(direct.json().error.code).toBe('PATIENT_RESTRICTED');
    expect(JSON.stringify(direct.json())).not.toContain('substance');
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select(['outcome', 'actor_user_id'])
      .where('action', '=', 'chart.label_denied')
      .where('resource_id', '=', sud)
      .execute();
    expect(denied).toEqual([{ outcome: 'denied', actor_user_id: doctor.id }]);
    expect((await send(doctor, 'GET', `/api/chart-entries/${sud}/versions`)).statusCode).toBe(403);
  });

  it('lets a clinician with a care relationship see labelled entries', async () => {
    const sud = await note('Counselling session two');
    await send(clerk, 'POST', `/api/chart-entries/${sud}/labels`, {
      label: 'behavioral_health',
      reason: 'BH clinic',
    });
    expect((await send(doctor, 'GET', `/api/chart-entries/${sud}`)).statusCode).toBe(403);
    await t.deps.db
      .insertInto('access_care_relationship')
      .values({
        user_id: doctor.id,
        patient_id: patientId,
        kind: 'attending',
        valid_from: new Date('2026-01-01T00:00:00Z'),
        valid_until: null,
        source: 'test',
      })
      .execute();
    expect((await send(doctor, 'GET', `/api/chart-entries/${sud}`)).statusCode).toBe(200);
  });

  it('keeps removed labels as history and refuses bad input listing every field', async () => {
    const id = await note('Genetic counselling');
    const bad = await send(clerk, 'POST', `/api/chart-entries/${id}/labels`, { label: 'secret', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual([
      'label',
      'reason',
    ]);
    await send(clerk, 'POST', `/api/chart-entries/${id}/labels`, {
      label: 'genetic',
      reason: 'BRCA testing',
    });
    const removed = await send(clerk, 'POST', `/api/chart-entries/${id}/labels/remove`, {
      label: 'genetic',
      reason: 'Labelled the wrong note',
    });
    expect(removed.json().labels).toEqual([]);
    const rows = await t.deps.db
      .selectFrom('chart_sensitivity_label')
      .select(['label', 'removed_reason'])
      .where('entity_id', '=', id)
      .execute();
    expect(rows).toEqual([{ label: 'genetic', removed_reason: 'Labelled the wrong note' }]);
    const again = await send(clerk, 'POST', `/api/chart-entries/${id}/labels/remove`, {
      label: 'genetic',
      reason: 'Second removal',
    });
    expect(again.statusCode).toBe(400);
    expect(
      (await send(coder, 'POST', `/api/chart-entries/${id}/labels`, { label: 'genetic', reason: 'x1x' }))
        .statusCode,
    ).toBe(403);
    const list = await send(clerk, 'GET', `/api/patients/${patientId}/sensitivity-labels`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.every((i: { entityType: string }) => i.entityType === 'entry')).toBe(true);
  });
});
