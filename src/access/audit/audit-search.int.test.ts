import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { insertTestPatient } from '../../../test/factories.ts';

let t: TestApp;
let officer: TestUser;
let doctor: TestUser;
let patientId: string;
beforeAll(async () => {
  t = await buildTestApp();
  officer = await createTestUser(t, ['privacy_officer']);
  doctor = await createTestUser(t, ['physician']);
  patientId = (await insertTestPatient(t)).id;
});
afterAll(() => t.close());

const get = (url: string, who = officer) => t.app.inject({ method: 'GET', url, headers: who.headers });

describe('break-the-glass and its review', () => {
  it('declares, shows in the pending queue, and is acknowledged with a note (audited)', async () => {
    const reasons = await get('/api/access/break-glass/reasons', doctor);
    expect(reasons.json().map((r: { code: string }) => r.code)).toContain('emergency-treatment');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/access/break-glass',
      headers: doctor.headers,
      payload: { patientId, reasonCode: 'nope', reasonText: '' },
    });
    expect(bad.json().error.details.issues).toHaveLength(2);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/access/break-glass',
      headers: doctor.headers,
      payload: {
        patientId,
        reasonCode: 'emergency-treatment',
        reasonText: 'Unconscious in the ED, no chart access',
      },
    });
    expect(ok.statusCode).toBe(200);
    const queue = await get('/api/access/break-glass?status=pending');
    expect(queue.json()).toHaveLength(1);
    expect(queue.json()[0]).toMatchObject({ patientId, username: doctor.username, reviewStatus: 'pending' });
    const review = await t.app.inject({
      method: 'POST',
      url: `/api/access/break-glass/${ok.json().id}/review`,
      headers: officer.headers,
      payload: { decision: 'acknowledged', note: 'Confirmed with the ED charge nurse.' },
    });
    expect(review.statusCode).toBe(200);
    expect((await get('/api/access/break-glass?status=pending')).json()).toHaveLength(0);
  });

  it('refuses the queue to a physician', async () => {
    expect((await get('/api/access/break-glass', doctor)).statusCode).toBe(403);
  });
});

describe('audit search and reports', () => {
  it('searches by user, action and outcome, newest first, and audits the search', async () => {
    const res = await get(`/api/access/audit?userId=${doctor.id}&action=breakglass.&limit=10`);
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      action: 'breakglass.declare',
      breakGlass: true,
      patientIds: [patientId],
    });
    const denied = await get('/api/access/audit?outcome=denied');
    expect(denied.json().items.every((e: { outcome: string }) => e.outcome === 'denied')).toBe(true);
    const seqs = (await get('/api/access/audit?limit=20')).json().items.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    const searches = await get('/api/access/audit?action=audit.search');
    expect(searches.json().total).toBeGreaterThanOrEqual(3);
  });

  it("reports who accessed a patient's record", async () => {
    const res = await get(`/api/access/audit/patients/${patientId}`);
    const users = res.json().items.map((e: { username: string }) => e.username);
    expect(users).toEqual(expect.arrayContaining([doctor.username, officer.username]));
  });

  it('rejects a reversed date range naming the field', async () => {
    const res = await get('/api/access/audit?from=2026-03-02&to=2026-03-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].field).toBe('to');
  });

  it('exports CSV, and the export is audited', async () => {
    const res = await get(`/api/access/audit/export.csv?patientId=${patientId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.split('\r\n')[0]).toContain('occurredAt,username');
    expect(res.body).toContain('breakglass.declare');
    const exports = await get('/api/access/audit?action=audit.export');
    expect(exports.json().total).toBe(1);
  });
});
