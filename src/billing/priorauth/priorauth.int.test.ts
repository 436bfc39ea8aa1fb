import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { billingWorld, visit } from '../../../test/billing-fixtures.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof billingWorld>>;

beforeAll(async () => {
  t = await buildTestApp();
  w = await billingWorld(t);
});
afterAll(() => t.close());

const xray = [...visit, { system: 'cpt', code: '71046', modifiers: [], units: 1 }];
const scrub = async (claimId: string) =>
  (await w.send(w.biller, 'POST', '/api/billing/claims/scrub', { claimIds: [claimId] })).json();

describe('prior authorizations', () => {
  it('flags a claim needing an authorization until an approved one covers it, then writes REF*G1', async () => {
    const { claimId, patientId } = await w.draftClaim(xray);
    expect((await scrub(claimId)).byCode).toMatchObject({ PRIOR_AUTH_MISSING: 1 });

    const created = await w.send(w.biller, 'POST', '/api/billing/prior-auths', {
      patientId,
      payerId: 'SYNM1',
      codes: ['71046'],
      unitsApproved: 2,
      validFrom: '2026-02-01',
      validTo: '2026-03-31',
    });
    expect(created.statusCode).toBe(200);
    const auth = created.json();
    expect(auth).toMatchObject({
      status: 'pending',
      payerName: 'Synthetic Mutual',
      codes: ['71046'],
      unitsRemaining: 2,
      version: 1,
    });
    expect((await scrub(claimId)).byCode).toMatchObject({ PRIOR_AUTH_MISSING: 1 });

    const noNumber = await w.send(w.biller, 'POST', `/api/billing/prior-auths/${auth.id}`, {
      version: 1,
      status: 'approved',
    });
    expect(noNumber.statusCode).toBe(400);
    expect(noNumber.json().error.code).toBe('PRIOR_AUTH_NUMBER_REQUIRED');
    const approved = await w.send(w.biller, 'POST', `/api/billing/prior-auths/${auth.id}`, {
      version: 1,
      status: 'approved',
      authorizationNumber: 'PA-771046',
    });
    expect(approved.json()).toMatchObject({ status: 'approved', version: 2 });
    expect(approved.json().history.map((h: { action: string }) => h.action)).toEqual(['created', 'approved']);

    expect(await scrub(claimId)).toMatchObject({ ready: 1 });
    const x12 = await w.send(w.biller, 'GET', `/api/billing/claims/${claimId}/837`);
    expect(x12.statusCode).toBe(200);
    expect(JSON.stringify(x12.json())).toContain('REF*G1*PA-771046');

    const listed = await w.send(
      w.biller,
      'GET',
      `/api/billing/prior-auths?patientId=${patientId}&activeOn=2026-02-10`,
    );
    expect(listed.json().items.map((a: { id: string }) => a.id)).toEqual([auth.id]);
  });

  it('does not use an authorization outside its window, with no units left, or for another payer', async () => {
    const { claimId, patientId } = await w.draftClaim(xray);
    const make = (body: object) =>
      w.send(w.biller, 'POST', '/api/billing/prior-auths', {
        patientId,
        codes: ['71046'],
        status: 'approved',
        authorizationNumber: 'PA-X',
        payerId: 'SYNM1',
        validFrom: '2026-02-01',
        validTo: '2026-03-31',
        ...body,
      });
    expect((await make({ validFrom: '2026-03-01' })).statusCode).toBe(200);
    expect((await make({ payerId: 'SYNMD' })).statusCode).toBe(200);
    const used = (await make({ unitsApproved: 1 })).json();
    const full = await w.send(w.biller, 'POST', `/api/billing/prior-auths/${used.id}`, {
      version: 1,
      unitsUsed: 1,
    });
    expect(full.json()).toMatchObject({ unitsRemaining: 0 });
    const over = await w.send(w.biller, 'POST', `/api/billing/prior-auths/${used.id}`, {
      version: 2,
      unitsUsed: 2,
    });
    expect(over.json().error.code).toBe('PRIOR_AUTH_UNITS_EXCEEDED');
    expect((await scrub(claimId)).byCode).toMatchObject({ PRIOR_AUTH_MISSING: 1 });
    const stale = await w.send(w.biller, 'POST', `/api/billing/prior-auths/${used.id}`, {
      version: 1,
      note: 'late',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('rejects an unknown payer or patient and a window ending before it starts', async () => {
    const patientId = await w.coveredPatient();
    const base = { patientId, codes: ['71046'], validFrom: '2026-02-01', validTo: '2026-03-31' };
    const payer = await w.send(w.biller, 'POST', '/api/billing/prior-auths', { ...base, payerId: 'NOPE' });
    expect(payer.json().error.code).toBe('PAYER_UNKNOWN');
    const patient = await w.send(w.biller, 'POST', '/api/billing/prior-auths', {
      ...base,
      payerId: 'SYNM1',
      patientId: crypto.randomUUID(),
    });
    expect(patient.statusCode).toBe(404);
    const window = await w.send(w.biller, 'POST', '/api/billing/prior-auths', {
      ...base,
      payerId: 'SYNM1',
      validTo: '2026-01-01',
    });
    expect(window.statusCode).toBe(400);
    const rows = await t.deps.db
      .selectFrom('billing_prior_auth')
      .select('id')
      .where('patient_id', '=', patientId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses the physician and the coder, and audits the refusal', async () => {
    for (const user of [w.doctor, w.coder]) {
      expect((await w.send(user, 'GET', '/api/billing/prior-auths')).statusCode).toBe(403);
      const res = await w.send(user, 'POST', '/api/billing/prior-auths', {
        patientId: crypto.randomUUID(),
        payerId: 'SYNM1',
        codes: ['71046'],
        validFrom: '2026-02-01',
        validTo: '2026-03-31',
      });
      expect(res.statusCode).toBe(403);
    }
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('outcome', '=', 'denied')
      .where('actor_user_id', 'in', [w.doctor.id, w.coder.id])
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(4);
  });
});
