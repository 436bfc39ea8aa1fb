import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { RESTRICTION_LABELS } from '../access/patient-access.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { patientIdForMrn, restrictPatient, unrestrictPatient } from './restrictions.service.ts';

// Issue 23, restricted records: labels set and removed by people holding `patient:restrict`, with a
// reason, a history, an audit event for every change, and the label following a merge.

let t: TestApp;
let privacy: TestUser;
let him: TestUser;
let nurse: TestUser;
let clerk: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  privacy = await createTestUser(t, ['privacy_officer']);
  him = await createTestUser(t, ['him_clerk']);
  nurse = await createTestUser(t, ['nurse']);
  clerk = await createTestUser(t, ['registration_clerk']);
});
afterAll(() => t.close());

const url = (id: string) => `/api/patients/${id}/restriction-labels`;
const restrict = (id: string, user: TestUser, payload: object) =>
  t.app.inject({ method: 'POST', url: url(id), headers: user.headers, payload });
const unrestrict = (id: string, user: TestUser, payload: object) =>
  t.app.inject({ method: 'POST', url: `${url(id)}/remove`, headers: user.headers, payload });
const labels = (id: string, user: TestUser) =>
  t.app.inject({ method: 'GET', url: url(id), headers: user.headers });
const read = (id: string, user: TestUser) =>
  t.app.inject({ method: 'GET', url: `/api/patients/${id}`, headers: user.headers });

const activeOf = async (id: string) =>
  (
    await t.deps.db
      .selectFrom('access_patient_label')
      .select('label')
      .where('patient_id', '=', id)
      .where('removed_at', 'is', null)
      .orderBy('label')
      .execute()
  ).map((r) => r.label);

const auditFor = (id: string) =>
  t.deps.db
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'actor_username', 'details'])
    .where(({ eb, val }) => eb(val(id), '=', eb.fn.any('patient_ids')))
    .orderBy('occurred_at')
    .execute();

describe('setting and removing a restriction label', () => {
  it('a privacy officer restricts a record, HIM lifts it; the history says who, when and why', async () => {
    const p = (await insertTestPatient(t, { family: 'Restrictable' })).id;
    expect((await read(p, nurse)).statusCode).toBe(200);

    const set = await restrict(p, privacy, { label: 'vip', reason: 'Local celebrity admitted' });
    expect(set.statusCode).toBe(200);
    expect(set.json().active).toEqual(['vip']);
    expect(set.json().history[0]).toMatchObject({
      label: 'vip',
      reason: 'Local celebrity admitted',
      setBy: privacy.username,
      removedAt: null,
      active: true,
    });
    // The gate now refuses a clinician without a care relationship.
    expect((await read(p, nurse)).statusCode).toBe(403);

    const removed = await unrestrict(p, him, { label: 'vip', reason: 'Patient asked to lift it' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().active).toEqual([]);
    expect(removed.json().history[0]).toMatchObject({
      label: 'vip',
      setBy: privacy.username,
      removedBy: him.username,
      removedReason: 'Patient asked to lift it',
      active: false,
    });
    expect((await read(p, nurse)).statusCode).toBe(200);

    const list = await labels(p, privacy);
    expect(list.statusCode).toBe(200);
    expect(list.json().history).toHaveLength(1);
    expect(list.json().available).toEqual(Object.keys(RESTRICTION_LABELS));

    const events = (await auditFor(p)).map((e) => `${e.action}:${e.outcome}`);
    expect(events).toContain('patient.restrict:success');
    expect(events).toContain('patient.unrestrict:success');
    expect(events).toContain('patient.restriction_labels.read:success');
  });

  it('a label can be set again after removal, and two labels coexist', async () => {
    const p = (await insertTestPatient(t, { family: 'Relabel' })).id;
    expect((await restrict(p, privacy, { label: 'employee', reason: 'Staff member' })).statusCode).toBe(200);
    expect((await unrestrict(p, privacy, { label: 'employee', reason: 'Left employment' })).statusCode).toBe(
      200,
    );
    expect((await restrict(p, privacy, { label: 'employee', reason: 'Rehired' })).statusCode).toBe(200);
    const res = await restrict(p, him, { label: 'confidential', reason: 'Court order' });
    expect(res.json().active).toEqual(['confidential', 'employee']);
    expect(res.json().history).toHaveLength(3);
  });
});

describe('forbidden paths and bad input change nothing', () => {
  it('a nurse or a registration clerk may not set, remove or list labels; each refusal is audited', async () => {
    const p = (await insertTestPatient(t, { family: 'Forbidden' })).id;
    for (const user of [nurse, clerk]) {
      const res = await restrict(p, user, { label: 'vip', reason: 'Curious' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect((await unrestrict(p, user, { label: 'vip', reason: 'x' })).statusCode).toBe(403);
      expect((await labels(p, user)).statusCode).toBe(403);
    }
    expect(await activeOf(p)).toEqual([]);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select(['actor_username', 'details'])
      .where('outcome', '=', 'denied')
      .where('actor_username', 'in', [nurse.username, clerk.username])
      .execute();
    const routes = denied.map((d) => (d.details as { route?: string } | null)?.route);
    expect(routes).toContain('POST /api/patients/:id/restriction-labels');
    expect(routes).toContain('POST /api/patients/:id/restriction-labels/remove');
    expect(routes).toContain('GET /api/patients/:id/restriction-labels');
  });

  it('HIM cannot change labels on a record it may not open (psychotherapy); the refusal is audited', async () => {
    const p = (await insertTestPatient(t, { family: 'Psychlabel' })).id;
    expect((await restrict(p, privacy, { label: 'psychotherapy', reason: 'Therapy notes' })).statusCode).toBe(
      200,
    );
    const res = await unrestrict(p, him, { label: 'psychotherapy', reason: 'Trying' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('PATIENT_RESTRICTED');
    expect(await activeOf(p)).toEqual(['psychotherapy']);
    const events = await auditFor(p);
    expect(events.some((e) => e.outcome === 'denied' && e.actor_username === him.username)).toBe(true);
  });

  it('an unknown label, a missing reason or a blank one is a field error and nothing changes', async () => {
    const p = (await insertTestPatient(t, { family: 'Badinput' })).id;
    const unknown = await restrict(p, privacy, { label: 'celebrity', reason: 'Famous' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    expect(unknown.json().error.details.issues[0]).toMatchObject({ field: 'label' });
    expect(unknown.json().error.details.issues[0].message).toContain('vip');

    const noReason = await restrict(p, privacy, { label: 'vip' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.issues).toEqual([{ field: 'reason', message: expect.any(String) }]);
    const blank = await restrict(p, privacy, { label: 'vip', reason: '   ' });
    expect(blank.statusCode).toBe(400);
    const nothing = await restrict(p, privacy, {});
    expect(nothing.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual([
      'label',
      'reason',
    ]);
    expect(await activeOf(p)).toEqual([]);
    expect((await auditFor(p)).filter((e) => e.action === 'patient.restrict')).toEqual([]);
  });

  it('setting a label twice or removing one not set is a conflict; unknown or retired records are refused', async () => {
    const p = (await insertTestPatient(t, { family: 'Twice' })).id;
    expect((await restrict(p, privacy, { label: 'vip', reason: 'Public figure' })).statusCode).toBe(200);
    const again = await restrict(p, privacy, { label: 'vip', reason: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('LABEL_ALREADY_SET');
    const notSet = await unrestrict(p, privacy, { label: 'employee', reason: 'Not there' });
    expect(notSet.statusCode).toBe(409);
    expect(notSet.json().error.code).toBe('LABEL_NOT_SET');
    expect(await activeOf(p)).toEqual(['vip']);

    const missing = await restrict('00000000-0000-4000-8000-000000000000', privacy, {
      label: 'vip',
      reason: 'No one',
    });
    expect(missing.statusCode).toBe(404);
    expect((await labels('00000000-0000-4000-8000-000000000000', privacy)).statusCode).toBe(404);
    expect((await restrict('not-a-uuid', privacy, { label: 'vip', reason: 'x' })).statusCode).toBe(400);
  });
});

describe('the CLI: chartkeeper patients restrict / unrestrict', () => {
  it('restricts by MRN as the trusted operator, audited under the operator name', async () => {
    const { id, mrn } = await insertTestPatient(t, { family: 'Clilabel' });
    const ctx = cliContext(t.deps);
    const found = await patientIdForMrn(ctx, mrn);
    expect(found).toBe(id);
    const set = await restrictPatient(ctx, found, { label: 'employee', reason: 'Staff member, CLI' });
    expect(set.active).toEqual(['employee']);
    expect(set.history[0]?.setBy).toBe(ctx.operator);
    const un = await unrestrictPatient(ctx, found, { label: 'employee', reason: 'Left' });
    expect(un.active).toEqual([]);
    expect(un.history[0]?.removedBy).toBe(ctx.operator);
    const events = await auditFor(id);
    expect(events.map((e) => e.action)).toEqual(['patient.restrict', 'patient.unrestrict']);
    expect(events[0]?.actor_username).toBe(ctx.operator);
    await expect(patientIdForMrn(ctx, 'NO-SUCH-MRN')).rejects.toMatchObject({ code: 'PATIENT_NOT_FOUND' });
    await expect(restrictPatient(ctx, id, { label: 'nope', reason: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('labels set through the API follow a merge and come back on unmerge', () => {
  it.each(Object.keys(RESTRICTION_LABELS))('%s', async (label) => {
    const retired = (await insertTestPatient(t, { family: 'Mergelabel' })).id;
    const survivor = (await insertTestPatient(t, { family: 'Mergelabel' })).id;
    expect((await restrict(retired, privacy, { label, reason: 'Set before merge' })).statusCode).toBe(200);
    // HIM merges (the privacy officer has no patient:merge); HIM may not open psychotherapy records.
    const merge = await t.app.inject({
      method: 'POST',
      url: '/api/patients/merges',
      headers: him.headers,
      payload: { survivorId: survivor, retiredId: retired, reason: 'Same person' },
    });
    let merged = merge;
    if (label === 'psychotherapy') {
      expect(merge.statusCode).toBe(403);
      // Someone who both merges (HIM) and may open psychotherapy records (privacy officer) can.
      const both = await createTestUser(t, ['him_clerk', 'privacy_officer']);
      merged = await t.app.inject({
        method: 'POST',
        url: '/api/patients/merges',
        headers: both.headers,
        payload: { survivorId: survivor, retiredId: retired, reason: 'Same person' },
      });
      expect(merged.statusCode).toBeLessThan(300);
      expect(await activeOf(survivor)).toEqual([label]);
      const undo = await t.app.inject({
        method: 'POST',
        url: `/api/patients/merges/${merged.json().mergeId}/unmerge`,
        headers: both.headers,
        payload: {},
      });
      expect(undo.statusCode).toBeLessThan(300);
      expect(await activeOf(survivor)).toEqual([]);
      expect(await activeOf(retired)).toEqual([label]);
      return;
    }
    expect(merged.statusCode).toBeLessThan(300);
    expect(await activeOf(survivor)).toEqual([label]);
    expect((await labels(survivor, privacy)).json().active).toEqual([label]);
    const un = await t.app.inject({
      method: 'POST',
      url: `/api/patients/merges/${merge.json().mergeId}/unmerge`,
      headers: him.headers,
      payload: {},
    });
    expect(un.statusCode).toBeLessThan(300);
    expect(await activeOf(survivor)).toEqual([]);
    expect(await activeOf(retired)).toEqual([label]);
  });
});
