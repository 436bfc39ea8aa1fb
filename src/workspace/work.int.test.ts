import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';

let t: TestApp;
let roi: TestUser;
let coder: TestUser;
let patientId: string;

beforeAll(async () => {
  t = await buildTestApp();
  roi = await createTestUser(t, ['roi_specialist']);
  coder = await createTestUser(t, ['coder']);
  patientId = (await insertTestPatient(t)).id;
});
afterAll(() => t.close());

const get = (user: TestUser) => t.app.inject({ method: 'GET', url: '/api/my-work', headers: user.headers });

const PAYER = {
  requesterType: 'payer',
  requesterName: 'Acme Health Insurance',
  requesterAddress: '1 Insurance Plaza, Hartford CT 06103',
  purpose: 'insurance-underwriting',
};
const PATIENT = {
  requesterType: 'patient',
  requesterName: 'The patient',
  requesterAddress: '12 Elm Street, Hartford CT 06105',
  purpose: 'right-of-access',
};

async function newRequest(receivedOn: string, requester: Record<string, string> = PAYER): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/disclosure/requests',
    headers: roi.headers,
    payload: {
      patientId,
      ...requester,
      scope: { recordTypes: ['discharge-summary'], dateFrom: '2025-03-01', dateTo: '2025-06-30' },
      deliveryMethod: 'mail',
      receivedOn,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

describe('my work', () => {
  it('counts open ROI requests with the late one first, oldest age and a link to the most urgent', async () => {
    const late = await newRequest('2026-02-01'); // payer clock 15 days: due 2026-02-16, passed
    await newRequest('2026-02-15'); // due 2026-03-02: today
    await newRequest('2026-03-01');
    const res = await get(roi);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.today).toBe('2026-03-02');
    const q = body.queues.find((x: { key: string }) => x.key === 'roi-requests');
    expect(q).toMatchObject({
      duty: 'roi',
      count: 3,
      capped: false,
      breached: 1,
      dueToday: 1,
      oldestAgeDays: 29,
      nextItemPath: `/roi/requests/${late}`,
      // The most urgent request is a payer's: its clock is the facility's 15 days, not HIPAA's 30.
      deadline: { days: 15, rule: 'facility policy' },
    });
    // Counts only: no patient data in the answer.
    expect(JSON.stringify(body)).not.toContain(patientId);
  });

  it("labels the deadline with the most urgent request's own clock", async () => {
    const own = await newRequest('2026-01-10', PATIENT); // patient's right of access: due 2026-02-09
    const q = (await get(roi)).json().queues.find((x: { key: string }) => x.key === 'roi-requests');
    expect(q).toMatchObject({
      breached: 2,
      nextItemPath: `/roi/requests/${own}`,
      deadline: { days: 30, rule: '45 CFR 164.524(b)(2)' },
    });
  });

  it('shows a user only the queues their roles allow', async () => {
    const keys = (await get(coder)).json().queues.map((q: { key: string }) => q.key);
    expect(keys).toContain('coding-queue');
    expect(keys).toContain('deficiency-queue');
    expect(keys).not.toContain('roi-requests');
    expect(keys).not.toContain('notes-to-sign');
    const roiKeys = (await get(roi)).json().queues.map((q: { key: string }) => q.key);
    expect(roiKeys).not.toContain('coding-queue');
  });

  it('is audited without a patient id, and refuses an anonymous caller', async () => {
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'patient_ids'])
      .where('action', '=', 'workspace.my-work.read')
      .execute();
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.patient_ids.length === 0)).toBe(true);
    const anon = await t.app.inject({ method: 'GET', url: '/api/my-work' });
    expect(anon.statusCode).toBe(401);
  });
});
