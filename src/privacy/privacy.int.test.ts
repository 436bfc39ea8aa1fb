import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { grantCareRelationship, permissionsFor, recordAudit } from '../access/index.ts';
import { cliContext } from '../kernel/cli-context.ts';
import type { RequestContext } from '../kernel/context.ts';
import { openAlertCount } from './index.ts';
import { runScan } from './privacy.service.ts';

// Issue 23, privacy monitoring: planted snooping in the audit trail is found by each rule; ordinary work
// (a nurse with a care relationship, a coder on a recent encounter) raises nothing; alerts have a life
// cycle, and the queue is the privacy officer's alone.

let t: TestApp;
let officer: TestUser;
let nurse: TestUser;
let nurse2: TestUser;
let physician: TestUser;
let coder: TestUser;
let roi: TestUser;
const day = '2026-03-02';
const p: Record<string, string> = {};

const as = (u: TestUser, roles: string[]): RequestContext => ({
  ...cliContext(t.deps),
  channel: 'api',
  operator: undefined,
  actor: { userId: u.id, username: u.username, roles, permissions: permissionsFor(roles), facilityIds: [] },
});
const read = (ctx: RequestContext, patientId: string, breakGlass = false) =>
  recordAudit(t.deps.db, ctx, { action: 'chart.read', patientIds: [patientId], breakGlass });
const api = (user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: user.headers, payload });

beforeAll(async () => {
  t = await buildTestApp();
  officer = await createTestUser(t, ['privacy_officer']);
  nurse = await createTestUser(t, ['nurse']);
  nurse2 = await createTestUser(t, ['nurse']);
  physician = await createTestUser(t, ['physician']);
  coder = await createTestUser(t, ['coder']);
  roi = await createTestUser(t, ['roi_specialist']);
  for (const k of ['cared', 'stranger', 'vip', 'own', 'neighbour', 'family', 'deceased', 'encounter'])
    p[k] = (await insertTestPatient(t, { family: k === 'neighbour' ? 'Ownsby' : `Pv${k}` })).id;
  const home = {
    address_line: '12 Elm Street',
    postal_code: '02139',
    family_name: 'Ownsby',
    family_norm: 'OWNSBY',
  };
  await t.deps.db
    .updateTable('patient')
    .set(home)
    .where('id', 'in', [p.own as string, p.neighbour as string])
    .execute();
  await t.deps.db
    .updateTable('patient')
    .set({ date_of_death: '2026-01-15' })
    .where('id', '=', p.deceased as string)
    .execute();
  await t.deps.db
    .insertInto('chart_encounter')
    .values({
      patient_id: p.encounter as string,
      class: 'appointment',
      status: 'completed',
      data: {},
      provider_id: null,
      starts_at: new Date('2026-02-20T10:00:00Z'),
      created_by: officer.id,
      created_at: new Date('2026-02-20T10:00:00Z'),
      updated_by: officer.id,
      updated_at: new Date('2026-02-20T10:00:00Z'),
    })
    .execute();
  await grantCareRelationship(t.deps.db, {
    userId: nurse.id,
    patientId: p.cared as string,
    kind: 'assigned',
    validFrom: new Date('2026-03-01T00:00:00Z'),
    source: 'test',
  });
  const vip = await api(officer, 'POST', `/api/patients/${p.vip}/restriction-labels`, {
    label: 'vip',
    reason: 'Public figure',
  });
  expect(vip.statusCode).toBe(200);
  // The nurse2's own record, and the nurse's mother's.
  const own = await api(officer, 'POST', `/api/patients/${p.own}/staff-links`, {
    userId: nurse2.id,
    kind: 'self',
    reason: 'Staff registration',
  });
  expect(own.statusCode).toBe(200);
  const fam = await api(officer, 'POST', `/api/patients/${p.family}/staff-links`, {
    userId: nurse.id,
    kind: 'family',
    reason: 'Declared by the nurse',
  });
  expect(fam.statusCode).toBe(200);

  const n = as(nurse, ['nurse']);
  const n2 = as(nurse2, ['nurse']);
  const doc = as(physician, ['physician']);
  const cod = as(coder, ['coder']);
  await read(n, p.cared as string); // ordinary: care relationship
  await read(n, p.cared as string);
  await read(cod, p.encounter as string); // ordinary: back-office work on a recent encounter
  await read(n, p.stranger as string); // rule 5: no reason
  await read(doc, p.vip as string, true); // rule 1: VIP under break-the-glass
  await read(n2, p.own as string); // rule 2: own record
  await read(n2, p.neighbour as string); // rule 2: same surname and address
  await read(n, p.family as string); // rule 2: family member
  await read(cod, p.own as string); // rules 1 and 3: a colleague's (employee) record
  await read(doc, p.deceased as string); // rule 5: deceased
});
afterAll(() => t.close());

const alertFor = async (userId: string, patientId: string) =>
  t.deps.db
    .selectFrom('privacy_alert')
    .selectAll()
    .where('user_id', '=', userId)
    .where('patient_id', '=', patientId)
    .executeTakeFirst();

describe('privacy scan', () => {
  it('finds each planted case and nothing in ordinary work', async () => {
    const [scan] = await runScan(cliContext(t.deps), day);
    expect(scan).toMatchObject({ day, alertsNew: 7 });
    expect(await alertFor(nurse.id, p.cared as string)).toBeUndefined();
    // The officer linking nurse2 to her own record did work on it (a reason): not a colleague snooping.
    expect(await alertFor(officer.id, p.own as string)).toBeUndefined();
    expect(await alertFor(coder.id, p.encounter as string)).toBeUndefined();
    expect((await alertFor(nurse.id, p.stranger as string))?.rules).toEqual(['no_reason']);
    const vip = await alertFor(physician.id, p.vip as string);
    expect(vip?.rules).toContain('restricted_no_relationship');
    expect(vip?.evidence).toMatchObject({ breakGlass: true, labels: ['vip'] });
    expect((await alertFor(nurse2.id, p.own as string))?.rules).toEqual(['self_or_family']);
    expect((await alertFor(nurse2.id, p.neighbour as string))?.rules).toContain('self_or_family');
    expect((await alertFor(nurse.id, p.family as string))?.rules).toEqual(['self_or_family']);
    expect((await alertFor(coder.id, p.own as string))?.rules).toEqual(
      expect.arrayContaining(['coworker_record', 'restricted_no_relationship']),
    );
    expect((await alertFor(physician.id, p.deceased as string))?.rules).toEqual(['deceased']);
  });

  it('a rescan of the day adds no alert and keeps the review state', async () => {
    const before = await alertFor(nurse.id, p.stranger as string);
    const [again] = await runScan(cliContext(t.deps), day);
    expect(again).toMatchObject({ alertsNew: 0, alertsUpdated: 7 });
    expect((await alertFor(nurse.id, p.stranger as string))?.id).toBe(before?.id);
  });

  it('the volume rule flags a day far above the user’s own history and the role’s', async () => {
    const clerk = await createTestUser(t, ['him_clerk']);
    const ctx = as(clerk, ['him_clerk']);
    // Ten ordinary days of 30 charts each (scanned, so they are kept as history)…
    const many = await Promise.all(
      Array.from({ length: 200 }, (_, i) => insertTestPatient(t, { family: `Vol${i}` })),
    );
    for (let d = 10; d >= 1; d--) {
      t.clock.set(new Date(Date.parse(`${day}T09:00:00Z`) - d * 86_400_000));
      for (const x of many.slice(0, 30)) await read(ctx, x.id);
    }
    t.clock.set(new Date(`${day}T15:00:00Z`));
    for (const x of many) await read(ctx, x.id);
    await runScan(cliContext(t.deps), '2026-02-20');
    const vol = await t.deps.db
      .selectFrom('privacy_alert')
      .selectAll()
      .where('user_id', '=', clerk.id)
      .where('patient_id', 'is', null)
      .execute();
    expect(vol).toHaveLength(1);
    expect(vol[0]).toMatchObject({ day, rules: ['volume'] });
    expect(vol[0]?.evidence).toMatchObject({ volume: { charts: 200, userMedian: 30 } });
  });
});

describe('the alert queue', () => {
  it('lists alerts with the patient, moves one through review, and keeps the history', async () => {
    const list = await api(
      officer,
      'GET',
      `/api/privacy/alerts?status=open&rule=no_reason&userId=${nurse.id}`,
    );
    expect(list.statusCode).toBe(200);
    const item = list
      .json()
      .items.find((i: { patient: { id: string } | null }) => i.patient?.id === p.stranger);
    expect(item).toMatchObject({ username: nurse.username, status: 'new', rules: ['no_reason'] });

    const detail = await api(officer, 'GET', `/api/privacy/alerts/${item.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().timeline).toHaveLength(1);
    expect(detail.json().timeline[0]).toMatchObject({ action: 'chart.read', outcome: 'success' });

    const noNotes = await api(officer, 'POST', `/api/privacy/alerts/${item.id}/review`, {
      status: 'closed_violation',
      version: item.version,
    });
    expect(noNotes.statusCode).toBe(400);
    const review = await api(officer, 'POST', `/api/privacy/alerts/${item.id}/review`, {
      status: 'under_review',
      version: item.version,
    });
    expect(review.statusCode).toBe(200);
    const stale = await api(officer, 'POST', `/api/privacy/alerts/${item.id}/review`, {
      status: 'closed_appropriate',
      notes: 'Covering shift',
      version: item.version,
    });
    expect(stale.statusCode).toBe(409);
    const closed = await api(officer, 'POST', `/api/privacy/alerts/${item.id}/review`, {
      status: 'closed_violation',
      notes: 'No clinical reason; referred to HR',
      version: review.json().version,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed_violation', reviewedBy: officer.username });
    expect(closed.json().history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'under_review',
      'closed_violation',
    ]);
    const audited = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('resource_id', '=', item.id)
      .where('action', '=', 'privacy.alert.review')
      .execute();
    expect(audited).toHaveLength(2);
  });

  it('is refused (and the refusal audited) for anyone but the privacy officer', async () => {
    const res = await api(nurse, 'GET', '/api/privacy/alerts');
    expect(res.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('actor_user_id', '=', nurse.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
    expect((await api(coder, 'POST', '/api/privacy/scans', {})).statusCode).toBe(403);
  });

  it('an unknown alert is 404 and a bad status changes nothing', async () => {
    expect((await api(officer, 'GET', `/api/privacy/alerts/${randomUUID()}`)).statusCode).toBe(404);
    const list = await api(officer, 'GET', '/api/privacy/alerts?status=new');
    const a = list.json().items[0];
    const bad = await api(officer, 'POST', `/api/privacy/alerts/${a.id}/review`, {
      status: 'deleted',
      version: a.version,
    });
    expect(bad.statusCode).toBe(400);
    expect((await api(officer, 'GET', `/api/privacy/alerts/${a.id}`)).json().status).toBe('new');
  });
});

describe('violations in the accounting of disclosures (164.528)', () => {
  type Disclosure = { date: string; recipient: string; purpose: string; description: string };
  const accounting = async (patientId: string): Promise<Disclosure[]> => {
    const res = await api(roi, 'GET', `/api/patients/${patientId}/disclosures`);
    expect(res.statusCode).toBe(200);
    return res.json().disclosures;
  };
  const close = async (alertId: string, status: string) => {
    const before = (await api(officer, 'GET', `/api/privacy/alerts/${alertId}`)).json();
    const res = await api(officer, 'POST', `/api/privacy/alerts/${alertId}/review`, {
      status,
      notes: 'Reviewed with the manager',
      version: before.version,
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('the policy is on by default', async () => {
    const res = await api(officer, 'GET', '/api/privacy/policy');
    expect(res.json()).toEqual({ accountViolations: true, defaults: { accountViolations: true } });
    expect((await api(nurse, 'GET', '/api/privacy/policy')).statusCode).toBe(403);
  });

  it('a violation enters one accounting entry, and re-reviewing it never writes a second', async () => {
    const a = (await alertFor(nurse2.id, p.neighbour as string))!;
    expect(await accounting(p.neighbour as string)).toEqual([]);
    const closed = await close(a.id, 'closed_violation');
    expect(closed.accountedAt).not.toBeNull();
    const entries = await accounting(p.neighbour as string);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      date: a.day,
      recipient: `Workforce member ${nurse2.username} (nurse)`,
      purpose: `impermissible access found by privacy monitoring (alert #${a.id})`,
    });
    expect(entries[0]?.description).toContain('audited event');
    // Reopened and closed again as a violation: still the one entry.
    await close(a.id, 'under_review');
    const again = await close(a.id, 'closed_violation');
    expect(again.accountedAt).toBe(closed.accountedAt);
    expect(await accounting(p.neighbour as string)).toHaveLength(1);
    const audited = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('resource_id', '=', a.id)
      .where('action', '=', 'disclosure.accounting.violation')
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('an alert closed as appropriate writes no entry', async () => {
    const a = (await alertFor(physician.id, p.deceased as string))!;
    const closed = await close(a.id, 'closed_appropriate');
    expect(closed.accountedAt).toBeNull();
    expect(await accounting(p.deceased as string)).toEqual([]);
  });

  it('with the policy off a violation writes no entry', async () => {
    const off = await api(officer, 'PUT', '/api/privacy/policy', { accountViolations: false });
    expect(off.json()).toMatchObject({ accountViolations: false });
    const a = (await alertFor(nurse.id, p.family as string))!;
    const closed = await close(a.id, 'closed_violation');
    expect(closed).toMatchObject({ status: 'closed_violation', accountedAt: null });
    expect(await accounting(p.family as string)).toEqual([]);
    const bad = await api(officer, 'PUT', '/api/privacy/policy', { accountViolations: 'yes' });
    expect(bad.statusCode).toBe(400);
    await api(officer, 'PUT', '/api/privacy/policy', { accountViolations: true });
  });
});

describe('staff links', () => {
  it('a self link restricts the record as employee; links need a known user, a kind and a reason', async () => {
    const labels = await api(officer, 'GET', `/api/patients/${p.own}/restriction-labels`);
    expect(labels.json().active).toContain('employee');
    const bad = await api(officer, 'POST', `/api/patients/${p.stranger}/staff-links`, { kind: 'friend' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.issues.map((i: { field: string }) => i.field)
        .sort(),
    ).toEqual(['kind', 'reason', 'userId']);
    const again = await api(officer, 'POST', `/api/patients/${p.own}/staff-links`, {
      userId: nurse2.id,
      kind: 'self',
      reason: 'x',
    });
    expect(again.statusCode).toBe(409);
    expect((await api(nurse, 'GET', `/api/patients/${p.own}/staff-links`)).statusCode).toBe(403);
    const links = (await api(officer, 'GET', `/api/patients/${p.own}/staff-links`)).json();
    const ended = await api(officer, 'POST', `/api/patients/${p.own}/staff-links/remove`, {
      linkId: links[0].id,
      reason: 'Left the hospital',
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()[0]).toMatchObject({ active: false, removedReason: 'Left the hospital' });
  });
});

describe('the open-alert count other domains read', () => {
  it('counts new and under-review alerts for the privacy officer, and refuses (audited) anyone else', async () => {
    const rows = await t.deps.db
      .selectFrom('privacy_alert')
      .select(['status', t.deps.db.fn.countAll<string>().as('n')])
      .groupBy('status')
      .execute();
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    const count = await openAlertCount(as(officer, ['privacy_officer']));
    expect(count).toEqual({
      new: n('new'),
      underReview: n('under_review'),
      open: n('new') + n('under_review'),
    });
    expect(count.open).toBeGreaterThan(0);
    await expect(openAlertCount(as(coder, ['coder']))).rejects.toMatchObject({ statusCode: 403 });
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_user_id', '=', coder.id)
      .where('action', '=', 'privacy.access_denied')
      .execute();
    expect(denied).toHaveLength(1);
  });
});

describe('registering a member of staff', () => {
  const body = (over: object) => ({
    family: 'Staffwell',
    given: 'Rhea',
    birthDate: '1988-06-01',
    sexAtBirth: 'F',
    ...over,
  });

  it('a registration clerk ticks "member of staff": the record is linked and employee-restricted', async () => {
    const clerk = await createTestUser(t, ['registration_clerk']);
    const staff = await createTestUser(t, ['coder']);
    const found = await api(clerk, 'GET', `/api/patients/staff-directory?q=${staff.username.slice(0, 6)}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().map((s: { id: string }) => s.id)).toContain(staff.id);
    const res = await api(clerk, 'POST', '/api/patients', body({ staffMember: { userId: staff.id } }));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const labels = (await api(officer, 'GET', `/api/patients/${id}/restriction-labels`)).json();
    expect(labels.active).toContain('employee');
    const links = (await api(officer, 'GET', `/api/patients/${id}/staff-links`)).json();
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      userId: staff.id,
      kind: 'self',
      active: true,
      linkedBy: clerk.username,
    });
    // …so a colleague opening it is found by the scan (rule 3) and the staff member's own read by rule 2.
    t.clock.set(new Date('2026-03-05T10:00:00Z'));
    await read(as(nurse, ['nurse']), id);
    await read(as(staff, ['coder']), id);
    await runScan(cliContext(t.deps), '2026-03-05');
    expect((await alertFor(nurse.id, id))?.rules).toEqual(
      expect.arrayContaining(['coworker_record', 'restricted_no_relationship']),
    );
    expect((await alertFor(staff.id, id))?.rules).toEqual(['self_or_family']);
  });

  it('an unknown staff member registers nothing; the directory is refused (audited) to a nurse', async () => {
    const clerk = await createTestUser(t, ['registration_clerk']);
    const before = await t.deps.db
      .selectFrom('patient')
      .select(t.deps.db.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await api(
      clerk,
      'POST',
      '/api/patients',
      body({ given: 'Nobody', staffMember: { userId: randomUUID() } }),
    );
    expect(res.statusCode).toBe(404);
    const after = await t.deps.db
      .selectFrom('patient')
      .select(t.deps.db.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const bad = await api(clerk, 'POST', '/api/patients', body({ staffMember: { userId: 'x' } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('staffMember.userId');
    const nurseDir = await api(nurse, 'GET', '/api/patients/staff-directory?q=ab');
    expect(nurseDir.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_user_id', '=', nurse.id)
      .where('action', '=', 'patients.access_denied')
      .execute();
    expect(denied).toHaveLength(1);
  });
});
