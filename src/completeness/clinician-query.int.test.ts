import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { chartSteps } from '../../test/completion-steps.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { withTransaction } from '../kernel/db.ts';
import { openQueriesForEncounter } from './index.ts';

let t: TestApp;
let clerk: TestUser;
let coder: TestUser;
let doctor: TestUser;
let other: TestUser;
let patientId: string;
let encounterId: string;
let steps: ReturnType<typeof chartSteps>;

beforeAll(async () => {
  t = await buildTestApp();
  steps = chartSteps(t);
  clerk = await createTestUser(t, ['him_clerk']);
  coder = await createTestUser(t, ['coder']);
  doctor = await createTestUser(t, ['physician']);
  other = await createTestUser(t, ['physician']);
  patientId = (await insertTestPatient(t)).id;
  encounterId = await steps.encounter(doctor, patientId, doctor.id);
});
afterAll(() => t.close());

const ask = (over: object = {}, user = coder) =>
  steps.send(user, 'POST', '/api/completion/queries', {
    patientId,
    encounterId,
    question: 'What is the clinical significance of the low sodium result?',
    options: ['Hyponatremia', 'Not clinically significant', 'Unable to determine', 'Other'],
    dueOn: '2026-03-09',
    addresseeUserId: doctor.id,
    ...over,
  });
const queryCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('completeness_query')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('clinician queries', () => {
  it('round trip: a coder asks, the chart is held, the physician answers from the inbox, the query closes', async () => {
    const res = await ask();
    expect(res.statusCode).toBe(201);
    const q = res.json();
    expect(q).toMatchObject({ status: 'open', openedByRole: 'coder', addresseeUserId: doctor.id });
    const held = await withTransaction(t.deps.db, (trx) => openQueriesForEncounter(trx, encounterId));
    expect(held.map((h) => h.id)).toContain(q.id);

    const inbox = (await steps.send(doctor, 'GET', '/api/completion/my-queries?status=open')).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).toContain(q.id);
    const answered = await steps.send(doctor, 'POST', `/api/completion/queries/${q.id}/answer`, {
      option: 'Hyponatremia',
      text: 'Due to diuretic therapy.',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({
      status: 'answered',
      answerOption: 'Hyponatremia',
      answeredBy: doctor.id,
    });
    const after = await withTransaction(t.deps.db, (trx) => openQueriesForEncounter(trx, encounterId));
    expect(after.map((h) => h.id)).not.toContain(q.id);
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('resource_id', '=', q.id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['completion.query.open', 'completion.query.answer']),
    );
  });

  it('refuses answering a closed query (QUERY_CLOSED) and changes nothing', async () => {
    const q = (await ask()).json();
    await steps.send(doctor, 'POST', `/api/completion/queries/${q.id}/answer`, {
      option: 'Other',
      text: 'x',
    });
    const again = await steps.send(doctor, 'POST', `/api/completion/queries/${q.id}/answer`, {
      option: 'Hyponatremia',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('QUERY_CLOSED');
    const now = (await steps.send(clerk, 'GET', `/api/completion/queries/${q.id}`)).json();
    expect(now.answerOption).toBe('Other');
  });

  it('refuses an answer from anyone but the addressee with 403 and audits it', async () => {
    const q = (await ask()).json();
    const res = await steps.send(other, 'POST', `/api/completion/queries/${q.id}/answer`, {
      option: 'Other',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('NOT_ADDRESSEE');
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select(['outcome', 'actor_user_id'])
      .where('resource_id', '=', q.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual([{ outcome: 'denied', actor_user_id: other.id }]);
    const read = await steps.send(other, 'GET', `/api/completion/queries/${q.id}`);
    expect(read.statusCode).toBe(403);
  });

  it('lists every fault of a bad query at once, including a due date in the past, and stores nothing', async () => {
    const before = await queryCount();
    const res = await ask({ dueOn: '2026-03-01', options: ['Yes'], addresseeUserId: patientId });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .error.details.issues.map((i: { field: string }) => i.field)
      .sort();
    expect(fields).toEqual(['addresseeUserId', 'dueOn', 'options']);
    const other2 = await ask({ encounterId: patientId, question: '' });
    expect(other2.statusCode).toBe(400);
    expect(await queryCount()).toBe(before);
  });

  it('rejects an answer that is not an offered option, and an empty one', async () => {
    const q = (await ask()).json();
    const wrong = await steps.send(doctor, 'POST', `/api/completion/queries/${q.id}/answer`, {
      option: 'Sepsis',
    });
    expect(wrong.statusCode).toBe(400);
    const empty = await steps.send(doctor, 'POST', `/api/completion/queries/${q.id}/answer`, {});
    expect(empty.json().error.details.issues[0].field).toBe('option');
  });

  it('keeps clinicians out of the HIM query list and the opening of queries', async () => {
    expect((await steps.send(doctor, 'GET', '/api/completion/queries')).statusCode).toBe(403);
    expect((await ask({}, doctor)).statusCode).toBe(403);
    const all = await steps.send(clerk, 'GET', '/api/completion/queries?status=open');
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBeGreaterThan(0);
  });
});
