import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { remitFor, submittedClaim, type TestClaim } from '../../../test/remit-fixtures.ts';
import { importRemit } from '../../billing/remit/remit.service.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { loadDefinitions, validateIncoming } from './validation.ts';

let t: TestApp;
let biller: TestUser;
let clerk: TestUser;
let claim: TestClaim;
let patientId: string;
let answerId: string;

beforeAll(async () => {
  t = await buildTestApp();
  loadDefinitions();
  biller = await createTestUser(t, ['biller']);
  clerk = await createTestUser(t, ['him_clerk']);
  claim = await submittedClaim(t, [
    { code: '99213', modifiers: ['25'], charge: 120 },
    { code: '36415', modifiers: [], charge: 12 },
  ]);
  await importRemit(cliContext(t.deps), remitFor([claim], { trace: 'FHIR835' }), 'fhir.835');
  const rc = await t.deps.db
    .selectFrom('billing_remit_claim as rc')
    .innerJoin('billing_claim as c', 'c.id', 'rc.claim_id')
    .select(['rc.id', 'c.patient_id'])
    .where('rc.claim_id', '=', claim.id)
    .executeTakeFirstOrThrow();
  answerId = rc.id;
  patientId = rc.patient_id;
}, 120_000);
afterAll(() => t.close());

const get = (u: TestUser, url: string) => t.app.inject({ method: 'GET', url, headers: u.headers });
const amount = (
  adj: { category: { coding: { code: string }[] }; amount: { value: number } }[],
  code: string,
) => adj.find((a) => a.category.coding[0]?.code === code)?.amount.value;

describe('FHIR Claim, ClaimResponse, ExplanationOfBenefit', () => {
  it('reads our claim as a valid Claim with its lines, diagnoses and payer, audited', async () => {
    const res = await get(biller, `/fhir/Claim/${claim.id}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(validateIncoming(c)).toEqual([]);
    expect(c).toMatchObject({
      resourceType: 'Claim',
      status: 'active',
      use: 'claim',
      type: { coding: [{ code: 'professional' }] },
      patient: { reference: `Patient/${patientId}` },
      identifier: [{ value: claim.pcn }],
      insurer: { display: 'Synthetic Mutual' },
      total: { value: 132, currency: 'USD' },
      diagnosis: [{ sequence: 1, diagnosisCodeableConcept: { coding: [{ code: 'E11.9' }] } }],
    });
    expect(
      c.item.map(
        (i: { productOrService: { coding: { code: string }[] } }) => i.productOrService.coding[0]?.code,
      ),
    ).toEqual(['99213', '36415']);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('actor_user_id', '=', biller.id)
      .where('action', '=', 'billing.fhir_claims_read')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it("reads the payer's answer as a ClaimResponse and the whole as an ExplanationOfBenefit that add up", async () => {
    const cr = (await get(biller, `/fhir/ClaimResponse/${answerId}`)).json();
    expect(validateIncoming(cr)).toEqual([]);
    expect(cr).toMatchObject({
      resourceType: 'ClaimResponse',
      request: { reference: `Claim/${claim.id}` },
      outcome: 'complete',
      disposition: 'Processed as primary',
      payment: { amount: { value: 79.2 }, identifier: { value: 'FHIR835' } },
    });
    expect(cr.item.map((i: { itemSequence: number }) => i.itemSequence)).toEqual([1, 2]);
    expect(amount(cr.item[0].adjudication, 'benefit')).toBe(72);
    expect(amount(cr.total, 'submitted')).toBe(132);
    const eob = (await get(biller, `/fhir/ExplanationOfBenefit/${claim.id}`)).json();
    expect(validateIncoming(eob)).toEqual([]);
    expect(eob).toMatchObject({
      resourceType: 'ExplanationOfBenefit',
      claim: { reference: `Claim/${claim.id}` },
      claimResponse: { reference: `ClaimResponse/${answerId}` },
      payment: { amount: { value: 79.2 } },
    });
    expect(amount(eob.total, 'benefit')).toBe(79.2);
    const lineCas = eob.item[0].adjudication.filter((a: { reason?: unknown }) => a.reason);
    expect(lineCas.map((a: { amount: { value: number } }) => a.amount.value)).toEqual([36, 12]);
  });

  it('searches by patient and by request', async () => {
    for (const url of [
      `/fhir/Claim?patient=Patient/${patientId}`,
      `/fhir/ExplanationOfBenefit?patient=${patientId}`,
      `/fhir/ClaimResponse?request=Claim/${claim.id}`,
    ]) {
      const b = (await get(biller, url)).json();
      expect(b, url).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    }
    const bad = await get(biller, '/fhir/Claim');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().resourceType).toBe('OperationOutcome');
    expect((await get(biller, `/fhir/Claim/${crypto.randomUUID()}`)).statusCode).toBe(404);
    // A claim the payer has not answered has no EOB.
    const open = await submittedClaim(t, [{ code: '99212', modifiers: [], charge: 80 }]);
    expect((await get(biller, `/fhir/Claim/${open.id}`)).statusCode).toBe(200);
    expect((await get(biller, `/fhir/ExplanationOfBenefit/${open.id}`)).statusCode).toBe(404);
  });

  it('refuses a role without billing rights (403, OperationOutcome) and audits the refusal', async () => {
    for (const type of ['Claim', 'ClaimResponse', 'ExplanationOfBenefit']) {
      const res = await get(clerk, `/fhir/${type}/${type === 'ClaimResponse' ? answerId : claim.id}`);
      expect(res.statusCode, type).toBe(403);
      expect(res.json().resourceType).toBe('OperationOutcome');
    }
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('actor_user_id', '=', clerk.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.filter((d) => JSON.stringify(d.details).includes('/fhir/Claim')).length).toBeGreaterThan(0);
  });
});
