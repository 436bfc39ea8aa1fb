import { extractText, getDocumentProxy } from 'unpdf';
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

describe('GET /api/billing/claims/{id}/cms1500.pdf', () => {
  it('gives the biller the CMS-1500 of a clean professional claim, audited', async () => {
    const c = await w.draftClaim(visit);
    const detail = (await w.send(w.biller, 'GET', `/api/billing/claims/${c.claimId}`)).json();
    const res = await w.send(w.biller, 'GET', `/api/billing/claims/${c.claimId}/cms1500.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`cms1500-${detail.patientControlNumber}.pdf`);
    const doc = await getDocumentProxy(new Uint8Array(res.rawPayload));
    const { text } = await extractText(doc, { mergePages: true });
    expect(text).toContain(detail.patientControlNumber);
    expect(text).toContain('1234567893'); // the sample billing provider's NPI (33a)
    expect(text).toContain(detail.charge.toFixed(2)); // 28 total charge
    expect(text).toContain('SYNTHETIC MUTUAL');
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'resource_id'])
      .where('actor_user_id', '=', w.biller.id)
      .where('action', '=', 'billing.claim_cms1500')
      .execute();
    expect(audit).toEqual([{ action: 'billing.claim_cms1500', resource_id: c.claimId }]);
  });

  it('refuses a role without billing rights (audited) and answers 404 for an unknown claim', async () => {
    const c = await w.draftClaim(visit);
    const res = await w.send(w.doctor, 'GET', `/api/billing/claims/${c.claimId}/cms1500.pdf`);
    expect(res.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('actor_user_id', '=', w.doctor.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.some((d) => JSON.stringify(d.details).includes('cms1500'))).toBe(true);
    const missing = await w.send(w.biller, 'GET', `/api/billing/claims/${crypto.randomUUID()}/cms1500.pdf`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('CLAIM_NOT_FOUND');
  });

  it('refuses a claim that fails the scrubber, naming the finding', async () => {
    const c = await w.draftClaim(visit);
    await t.deps.db
      .updateTable('patient_coverage')
      .set({ effective_to: '2026-02-01' })
      .where('patient_id', '=', c.patientId)
      .execute();
    const res = await w.send(w.biller, 'GET', `/api/billing/claims/${c.claimId}/cms1500.pdf`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'CLAIM_FAILS_SCRUBBER',
      message: expect.stringContaining('coverage'),
    });
  });
});
