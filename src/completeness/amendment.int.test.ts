import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { chartSteps } from '../../test/completion-steps.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { withTransaction } from '../kernel/db.ts';
import { amendmentsForEntries } from './index.ts';

let t: TestApp;
let clerk: TestUser;
let doctor: TestUser;
let other: TestUser;
let patientId: string;
let noteId: string;
let steps: ReturnType<typeof chartSteps>;

beforeAll(async () => {
  t = await buildTestApp();
  steps = chartSteps(t);
  clerk = await createTestUser(t, ['him_clerk']);
  doctor = await createTestUser(t, ['physician']);
  other = await createTestUser(t, ['physician']);
  patientId = (await insertTestPatient(t)).id;
  const enc = await steps.encounter(doctor, patientId, doctor.id);
  noteId = await steps.note(doctor, patientId, enc);
});
afterAll(() => t.close());

const request = async (over: object = {}) =>
  steps.send(clerk, 'POST', `/api/patients/${patientId}/amendments`, {
    entryIds: [noteId],
    request: 'The note says I smoke; I have never smoked.',
    receivedOn: '2026-03-01',
    authorUserId: doctor.id,
    ...over,
  });
const decide = (id: string, body: object, user = doctor) =>
  steps.send(user, 'POST', `/api/completion/amendments/${id}/decision`, body);

describe('amendments (45 CFR 164.526)', () => {
  it('records a request with the 60-day deadline, routed to the author, who accepts it', async () => {
    const res = await request();
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ status: 'pending', dueOn: '2026-04-30', effectiveDueOn: '2026-04-30' });
    const mine = (await steps.send(doctor, 'GET', '/api/completion/my-amendments?status=pending')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(a.id);
    const ok = await decide(a.id, {
      decision: 'accept',
      amendmentText: 'Social history corrected: never smoker.',
      notifyParties: [{ name: 'Synthetic Clinic', contact: 'fax 555-0100' }],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', notifyParties: [{ name: 'Synthetic Clinic' }] });
    const travel = await withTransaction(t.deps.db, (trx) => amendmentsForEntries(trx, patientId, [noteId]));
    expect(travel.find((x) => x.id === a.id)).toMatchObject({
      status: 'accepted',
      amendmentText: expect.any(String),
    });
  });

  it('a denial keeps the basis, the statement of disagreement and the rebuttal, which travel with the entry', async () => {
    const a = (await request()).json();
    const bad = await decide(a.id, { decision: 'deny' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.issues.map((i: { field: string }) => i.field)
        .sort(),
    ).toEqual(['denialBasis', 'denialGround']);
    const rebuttalFirst = await steps.send(clerk, 'POST', `/api/completion/amendments/${a.id}/statements`, {
      kind: 'rebuttal',
      text: 'x',
    });
    expect(rebuttalFirst.statusCode).toBe(409);
    const denied = await decide(a.id, {
      decision: 'deny',
      denialGround: 'accurate_complete',
      denialBasis: 'The note records what the patient reported at the visit.',
    });
    expect(denied.json().status).toBe('denied');
    const before = await withTransaction(t.deps.db, (trx) => amendmentsForEntries(trx, patientId, [noteId]));
    expect(before.some((x) => x.id === a.id)).toBe(false);
    for (const kind of ['disagreement', 'rebuttal']) {
      const s = await steps.send(clerk, 'POST', `/api/completion/amendments/${a.id}/statements`, {
        kind,
        text: `Synthetic ${kind} statement.`,
      });
      expect(s.statusCode).toBe(200);
    }
    const travel = await withTransaction(t.deps.db, (trx) => amendmentsForEntries(trx, patientId, [noteId]));
    expect(travel.find((x) => x.id === a.id)?.statements.map((s) => s.kind)).toEqual([
      'disagreement',
      'rebuttal',
    ]);
    const again = await decide(a.id, { decision: 'accept', amendmentText: 'x' });
    expect(again.json().error.code).toBe('AMENDMENT_DECIDED');
  });

  it('refuses a decision after the deadline without an extension, and allows one 30-day extension', async () => {
    const late = (await request({ receivedOn: '2025-12-01' })).json();
    const res = await decide(late.id, { decision: 'accept', amendmentText: 'Corrected.' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('AMENDMENT_DEADLINE_PASSED');
    const ext = await steps.send(clerk, 'POST', `/api/completion/amendments/${late.id}/extension`, {
      reason: 'Records are being retrieved from the archive.',
    });
    expect(ext.json().error.code).toBe('AMENDMENT_DEADLINE_PASSED');
    const unchanged = (await steps.send(clerk, 'GET', `/api/completion/amendments/${late.id}`)).json();
    expect(unchanged).toMatchObject({ status: 'pending', extendedDueOn: null });

    const timely = (await request({ receivedOn: '2026-01-10' })).json();
    const ok = await steps.send(clerk, 'POST', `/api/completion/amendments/${timely.id}/extension`, {
      reason: 'Author on leave until late March.',
    });
    expect(ok.json()).toMatchObject({ dueOn: '2026-03-11', extendedDueOn: '2026-04-10' });
    const twice = await steps.send(clerk, 'POST', `/api/completion/amendments/${timely.id}/extension`, {
      reason: 'Author on leave until late March.',
    });
    expect(twice.json().error.code).toBe('EXTENSION_ALREADY_USED');
  });

  it('refuses bad requests with every field at fault and a decision by someone else (403, audited)', async () => {
    const bad = await request({ entryIds: [patientId], receivedOn: '2026-04-01', authorUserId: patientId });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.issues.map((i: { field: string }) => i.field)
        .sort(),
    ).toEqual(['authorUserId', 'entryIds.0', 'receivedOn']);
    const a = (await request()).json();
    const res = await decide(a.id, { decision: 'accept', amendmentText: 'x' }, other);
    expect(res.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('actor_user_id')
      .where('resource_id', '=', a.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.actor_user_id)).toEqual([other.id]);
    expect(
      (await request({}).then(() => steps.send(doctor, 'GET', '/api/completion/amendments'))).statusCode,
    ).toBe(403);
  });
});
