import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { insertTestPatient } from '../../test/factories.ts';

let t: TestApp;
let roi: TestUser;
let privacy: TestUser;
let coder: TestUser;
let patientId: string;

const form = {
  description: 'Discharge summaries and laboratory results from 2025',
  recordTypes: ['discharge-summary', 'lab-result'],
  dateFrom: '2025-01-01',
  dateTo: '2025-12-31',
  discloser: 'Riverside General Hospital',
  recipient: 'Acme Health Insurance',
  purpose: 'Life insurance underwriting',
  expiresOn: '2027-01-01',
  signed: true,
  signedOn: '2026-02-01',
  statesRightToRevoke: true,
  statesConditioning: true,
  statesRedisclosure: true,
};

async function call(user: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: user.headers,
    ...(payload ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.json() };
}

async function newRequest(over: Record<string, unknown> = {}) {
  const r = await call(roi, 'POST', '/api/disclosure/requests', {
    patientId,
    requesterType: 'payer',
    requesterName: 'Acme Health Insurance',
    requesterAddress: '1 Insurance Plaza, Hartford CT 06103',
    purpose: 'insurance-underwriting',
    scope: { recordTypes: ['discharge-summary'], dateFrom: '2025-03-01', dateTo: '2025-06-30' },
    deliveryMethod: 'mail',
    receivedOn: '2026-03-01',
    ...over,
  });
  expect(r.status).toBe(201);
  return r.body;
}

async function verify(id: string, version: number) {
  const r = await call(roi, 'POST', `/api/disclosure/requests/${id}/verify-identity`, {
    method: 'Faxed request on letterhead, called back',
    version,
  });
  expect(r.status).toBe(200);
  return r.body;
}

beforeAll(async () => {
  t = await buildTestApp();
  roi = await createTestUser(t, ['roi_specialist']);
  privacy = await createTestUser(t, ['privacy_officer']);
  coder = await createTestUser(t, ['coder']);
  patientId = (await insertTestPatient(t)).id;
});
afterAll(() => t.close());

describe('release of information', () => {
  it('releases an insurer request with a valid authorization and keeps the record (exempt: under authorization)', async () => {
    const req = await newRequest();
    expect(req).toMatchObject({ status: 'received', dueOn: '2026-03-16' });
    expect(req.requestNo).toMatch(/^ROI-2026-\d{6}$/);
    const v = await verify(req.id, req.version);
    const cap = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/authorization`, form);
    expect(cap.body.passed).toBe(true);
    const check = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/check`);
    expect(check.body).toMatchObject({ authorizationRequired: true, passed: true });
    const cur = await call(roi, 'GET', `/api/disclosure/requests/${req.id}`);
    expect(cur.body.status).toBe('retrieval');
    expect((await call(roi, 'POST', `/api/disclosure/requests/${req.id}/packet`, {})).status).toBe(200);
    const rel = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/release`, {
      version: cur.body.version,
    });
    expect(rel.status).toBe(200);
    expect(rel.body.status).toBe('released');
    expect(rel.body.history.map((h: { status: string }) => h.status)).toEqual([
      'received',
      'verification',
      'authorization-check',
      'retrieval',
      'released',
    ]);
    const rec = await t.deps.db
      .selectFrom('disclosure_record')
      .selectAll()
      .where('request_id', '=', req.id)
      .executeTakeFirstOrThrow();
    expect(rec).toMatchObject({
      accountable: false,
      exempt_category: 'authorization',
      recipient_name: 'Acme Health Insurance',
    });
    expect(v.status).toBe('verification');
  });

  it('blocks a request whose authorization expired, naming the reason, and audits the refusal', async () => {
    const req = await newRequest();
    await verify(req.id, req.version);
    await call(roi, 'POST', `/api/disclosure/requests/${req.id}/authorization`, {
      ...form,
      expiresOn: '2026-02-15',
    });
    const check = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/check`);
    expect(check.body.passed).toBe(false);
    expect(
      check.body.elements.filter((e: { ok: boolean }) => !e.ok).map((e: { element: string }) => e.element),
    ).toEqual(['not-expired']);
    const cur = await call(roi, 'GET', `/api/disclosure/requests/${req.id}`);
    const rel = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/release`, {
      version: cur.body.version,
    });
    expect(rel.status).toBe(409);
    expect(rel.body.error.code).toBe('AUTHORIZATION_INVALID');
    expect(rel.body.error.details.failing[0].element).toBe('not-expired');
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'disclosure.release')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
    expect(
      await t.deps.db.selectFrom('disclosure_record').selectAll().where('request_id', '=', req.id).execute(),
    ).toEqual([]);
  });

  it('a privacy officer override lets a blocked request proceed, with the reason on record', async () => {
    const req = await newRequest();
    await verify(req.id, req.version);
    await call(roi, 'POST', `/api/disclosure/requests/${req.id}/authorization`, {
      ...form,
      statesRedisclosure: false,
    });
    expect((await call(roi, 'POST', `/api/disclosure/requests/${req.id}/check`)).body.passed).toBe(false);
    expect(
      (
        await call(roi, 'POST', `/api/disclosure/requests/${req.id}/override`, {
          reason: 'Form version lacks one statement; counsel approved',
        })
      ).status,
    ).toBe(403);
    const o = await call(privacy, 'POST', `/api/disclosure/requests/${req.id}/override`, {
      reason: 'Form version lacks one statement; counsel approved',
    });
    expect(o.body.overridden).toBe(true);
    await call(roi, 'POST', `/api/disclosure/requests/${req.id}/check`);
    const cur = await call(roi, 'GET', `/api/disclosure/requests/${req.id}`);
    expect(cur.body.status).toBe('retrieval');
  });

  it("handles the patient's own request without an authorization, due in 30 days, one extension", async () => {
    const req = await newRequest({
      requesterType: 'patient',
      requesterName: 'The patient',
      purpose: 'right-of-access',
    });
    expect(req.dueOn).toBe('2026-03-31');
    const ext = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/extension`, {
      reason: 'Records are in off-site storage; retrieval takes time',
    });
    expect(ext.body.dueOn).toBe('2026-04-30');
    expect(
      (
        await call(roi, 'POST', `/api/disclosure/requests/${req.id}/extension`, {
          reason: 'Second extension attempt here',
        })
      ).body.error.code,
    ).toBe('EXTENSION_ALREADY_GRANTED');
    const v = await verify(req.id, ext.body.version);
    const check = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/check`);
    expect(check.body).toMatchObject({ authorizationRequired: false, passed: true });
    expect((await call(roi, 'POST', `/api/disclosure/requests/${req.id}/packet`, {})).status).toBe(200);
    const rel = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/release`, {
      version: v.version + 2,
    });
    expect(rel.body.status).toBe('released');
    const rec = await t.deps.db
      .selectFrom('disclosure_record')
      .selectAll()
      .where('request_id', '=', req.id)
      .executeTakeFirstOrThrow();
    expect(rec.exempt_category).toBe('to-individual');
  });

  it('puts court-ordered releases in the patient accounting of disclosures', async () => {
    const req = await newRequest({
      requesterType: 'court-order',
      requesterName: 'Superior Court, Dept 12',
      purpose: 'judicial-order',
    });
    const v = await verify(req.id, req.version);
    await call(roi, 'POST', `/api/disclosure/requests/${req.id}/check`);
    await call(roi, 'POST', `/api/disclosure/requests/${req.id}/packet`, {});
    await call(roi, 'POST', `/api/disclosure/requests/${req.id}/release`, {
      version: v.version + 2,
      description: 'Emergency department record of 2025-04-02',
    });
    const acct = await call(privacy, 'GET', `/api/patients/${patientId}/disclosures`);
    expect(acct.status).toBe(200);
    expect(acct.body.disclosures).toEqual([
      expect.objectContaining({
        recipient: 'Superior Court, Dept 12',
        description: 'Emergency department record of 2025-04-02',
      }),
    ]);
    expect(acct.body.from).toBe('2020-03-02');
  });

  it('revocation stops pending work', async () => {
    const req = await newRequest();
    await verify(req.id, req.version);
    const cap = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/authorization`, form);
    await call(roi, 'POST', `/api/disclosure/requests/${req.id}/check`);
    const r = await call(roi, 'POST', `/api/disclosure/authorizations/${cap.body.authorizationId}/revoke`, {
      receivedOn: '2026-03-02',
    });
    expect(r.body.stopped).toBe(1);
    const cur = await call(roi, 'GET', `/api/disclosure/requests/${req.id}`);
    expect(cur.body.status).toBe('authorization-check');
    const rel = await call(roi, 'POST', `/api/disclosure/requests/${req.id}/release`, {
      version: cur.body.version,
    });
    expect(rel.body.error.details.failing.map((f: { element: string }) => f.element)).toContain(
      'not-revoked',
    );
  });

  it('refuses bad input, retired records and roles without the permission', async () => {
    const bad = await call(roi, 'POST', '/api/disclosure/requests', { patientId, requesterType: 'payer' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.length).toBeGreaterThan(3);
    const future = await call(roi, 'POST', '/api/disclosure/requests', {
      patientId,
      requesterType: 'payer',
      requesterName: 'Acme',
      requesterAddress: '1 Insurance Plaza',
      purpose: 'payment',
      scope: {},
      deliveryMethod: 'mail',
      receivedOn: '2027-01-01',
    });
    expect(future.body.error.details.issues[0].field).toBe('receivedOn');
    const retired = await insertTestPatient(t);
    await t.deps.db
      .updateTable('patient')
      .set({ status: 'merged', merged_into: patientId })
      .where('id', '=', retired.id)
      .execute();
    const r = await call(roi, 'POST', '/api/disclosure/requests', {
      patientId: retired.id,
      requesterType: 'payer',
      requesterName: 'Acme',
      requesterAddress: '1 Insurance Plaza',
      purpose: 'payment',
      scope: {},
      deliveryMethod: 'mail',
      receivedOn: '2026-03-01',
    });
    expect(r.body.error.code).toBe('PATIENT_MERGED');
    expect((await call(coder, 'GET', '/api/disclosure/requests')).status).toBe(403);
  });

  it('lists the queue by due date with days left', async () => {
    const q = await call(roi, 'GET', '/api/disclosure/requests?pageSize=50');

    expect(q.status).toBe(200);
    const dues = q.body.items.map((i: { dueOn: string }) => i.dueOn);
    expect([...dues].sort()).toEqual(dues);
    expect(q.body.items.every((i: { status: string }) => !['released', 'denied'].includes(i.status))).toBe(
      true,
    );
    expect(q.body.items[0].patient.mrn).toBeTruthy();
  });
});

describe('deceased patients', () => {
  it('requires the representative’s documented authority', async () => {
    const p = await insertTestPatient(t);
    await t.deps.db
      .updateTable('patient')
      .set({ date_of_death: '2026-01-05' })
      .where('id', '=', p.id)
      .execute();
    const r = await call(roi, 'POST', '/api/disclosure/requests', {
      patientId: p.id,
      requesterType: 'attorney',
      requesterName: 'Acme Health Insurance',
      requesterAddress: '1 Insurance Plaza, Hartford CT 06103',
      purpose: 'legal',
      scope: { recordTypes: ['discharge-summary'], dateFrom: '2025-03-01', dateTo: '2025-06-30' },
      deliveryMethod: 'mail',
      receivedOn: '2026-03-01',
    });
    await verify(r.body.id, r.body.version);
    const cap = await call(roi, 'POST', `/api/disclosure/requests/${r.body.id}/authorization`, {
      ...form,
      signedBy: 'representative',
      representativeAuthority: 'Executor of the estate',
    });
    expect(
      cap.body.elements.filter((e: { ok: boolean }) => !e.ok).map((e: { element: string }) => e.element),
    ).toEqual(['representative-authority']);
    t.clock.advanceMinutes(5);
    const ok = await call(roi, 'POST', `/api/disclosure/requests/${r.body.id}/authorization`, {
      ...form,
      signedBy: 'representative',
      representativeAuthority: 'Executor of the estate',
      representativeAuthorityDocumented: true,
    });
    expect(ok.body.passed).toBe(true);
  });
});
