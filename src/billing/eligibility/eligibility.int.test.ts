import { X12Interchange, X12Parser } from 'node-x12';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { billingWorld } from '../../../test/billing-fixtures.ts';
import { payer271 } from '../demo/payer-271.ts';
import { checkEnvelope } from '../x12/envelope.ts';
import { parseX12 } from '../x12/segment.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof billingWorld>>;

beforeAll(async () => {
  t = await buildTestApp();
  w = await billingWorld(t);
});
afterAll(() => t.close());

const answer = (content: string, opts: Partial<Parameters<typeof payer271>[1]> = {}) =>
  payer271(content, { date: new Date('2026-03-06T10:00:00Z'), controlNumber: 501, ...opts });

describe('eligibility 270/271', () => {
  it('writes a 270 for a covered patient, imports the payer 271 and stores the benefits', async () => {
    const patientId = await w.coveredPatient({ memberId: 'SM-EL-1' });
    // A secondary coverage for coordination of benefits: a dependent of the subscriber with Medicare.
    await t.deps.db
      .insertInto('patient_coverage')
      .values({
        patient_id: patientId,
        priority: 'secondary',
        payer: 'SYNMC',
        plan: null,
        member_id: 'MC-EL-1',
        group_number: null,
        subscriber_name: 'Pat Spouse',
        relationship: 'spouse',
        effective_from: '2025-01-01',
        effective_to: null,
        created_at: t.clock.now(),
      })
      .execute();
    const res = await w.send(w.biller, 'POST', '/api/billing/eligibility/requests', {
      patientIds: [patientId],
      serviceDate: '2026-03-05',
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.requests).toHaveLength(2);
    expect(r.requests.map((q: { payerOrder: string }) => q.payerOrder).sort()).toEqual([
      'primary',
      'secondary',
    ]);
    expect(r.requests[0]).toMatchObject({ status: 'sent', serviceDate: '2026-03-05' });
    expect(new X12Parser(true).parse(r.content)).toBeInstanceOf(X12Interchange);
    expect(checkEnvelope(parseX12(r.content).segments)).toEqual([]);
    expect(r.content).toContain('NM1*IL*1*SPOUSE*PAT****MI*MC-EL-1~');
    expect(r.content).toContain('HL*4*3*23*0~');
    expect(r.content).toMatch(/ISA\*00\*.{10}\*00\*.{10}\*ZZ\*1234567893 {5}\*ZZ\*CLEARINGHOUSE {2}\*/);

    const reply = answer(r.content, {
      copay: 30,
      deductibleRemaining: 125.5,
      inactive: (m) => m === 'MC-EL-1',
    });
    const imported = await w.send(w.biller, 'POST', '/api/billing/eligibility/responses', { content: reply });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ transactions: 2, matched: 2, unmatched: [] });
    const list = (await w.send(w.biller, 'GET', `/api/billing/eligibility?patientId=${patientId}`)).json();
    expect(list.total).toBe(2);
    const primary = list.items.find((i: { payerOrder: string }) => i.payerOrder === 'primary');
    expect(primary).toMatchObject({
      status: 'active',
      payerId: 'SYNM1',
      memberId: 'SM-EL-1',
      planName: 'SYNTHETIC PPO',
      copay: 30,
      coinsurancePercent: 20,
      deductibleRemaining: 125.5,
      rejectReason: null,
    });
    expect(primary.respondedAt).not.toBeNull();
    expect(primary.benefits.map((b: { code: string }) => b.code)).toEqual(['1', 'B', 'A', 'C']);
    expect(list.items.find((i: { payerOrder: string }) => i.payerOrder === 'secondary').status).toBe(
      'inactive',
    );

    // The same 271 again stores the same answer, nothing more.
    const again = await w.send(w.biller, 'POST', '/api/billing/eligibility/responses', { content: reply });
    expect(again.json()).toMatchObject({ matched: 2 });
    expect(
      (await w.send(w.biller, 'GET', `/api/billing/eligibility?patientId=${patientId}`)).json().total,
    ).toBe(2);
    const audits = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'billing.eligibility%')
      .execute();
    expect(new Set(audits.map((a) => a.action))).toEqual(
      new Set(['billing.eligibility_requested', 'billing.eligibility_imported', 'billing.eligibility_read']),
    );
  });

  it('stores a payer rejection with what to do, and lists answers we never asked for', async () => {
    const patientId = await w.coveredPatient({ memberId: 'SM-BAD' });
    const r = (
      await w.send(w.biller, 'POST', '/api/billing/eligibility/requests', {
        patientIds: [patientId],
        serviceDate: '2026-03-05',
      })
    ).json();
    const reply = answer(r.content, { reject: () => true });
    const imported = (
      await w.send(w.biller, 'POST', '/api/billing/eligibility/responses', { content: reply })
    ).json();
    expect(imported.items[0]).toMatchObject({
      status: 'rejected',
      rejectReason: expect.stringMatching(/^75: subscriber not found/),
    });
    const stranger = reply.replace(r.requests[0].traceNumber, 'E999999999');
    const u = (
      await w.send(w.biller, 'POST', '/api/billing/eligibility/responses', { content: stranger })
    ).json();
    expect(u).toMatchObject({ matched: 0, unmatched: [{ traceNumber: 'E999999999' }] });
  });

  it('refuses a malformed 271 naming the problem and changes nothing', async () => {
    const patientId = await w.coveredPatient({ memberId: 'SM-MAL' });
    const r = (
      await w.send(w.biller, 'POST', '/api/billing/eligibility/requests', {
        patientIds: [patientId],
        serviceDate: '2026-03-05',
      })
    ).json();
    const broken = answer(r.content).replace(/SE\*\d+\*/, 'SE*99*');
    const res = await w.send(w.biller, 'POST', '/api/billing/eligibility/responses', { content: broken });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'ELIGIBILITY_FILE_INVALID',
      message: expect.stringMatching(/SE01 99/),
    });
    const notX12 = await w.send(w.biller, 'POST', '/api/billing/eligibility/responses', {
      content: 'not a 271',
    });
    expect(notX12.statusCode).toBeGreaterThanOrEqual(400);
    const list = (await w.send(w.biller, 'GET', `/api/billing/eligibility?patientId=${patientId}`)).json();
    expect(list.items[0]).toMatchObject({ status: 'sent', respondedAt: null, benefits: [] });
  });

  it('skips patients with no coverage on the date, and refuses when nobody is left', async () => {
    const lapsed = await w.coveredPatient({ from: '2020-01-01', to: '2020-12-31' });
    const res = await w.send(w.biller, 'POST', '/api/billing/eligibility/requests', {
      patientIds: [lapsed],
      serviceDate: '2026-03-05',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ELIGIBILITY_NO_COVERAGE');
    const covered = await w.coveredPatient();
    const both = await w.send(w.biller, 'POST', '/api/billing/eligibility/requests', {
      patientIds: [lapsed, covered],
      serviceDate: '2026-03-05',
    });
    expect(both.json().skipped).toEqual([{ patientId: lapsed, reason: 'NO_ACTIVE_COVERAGE' }]);
    expect(both.json().requests).toHaveLength(1);
    const bad = await w.send(w.biller, 'POST', '/api/billing/eligibility/requests', { serviceDate: 'March' });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses users without the billing permission and audits the refusal', async () => {
    for (const user of [w.doctor, w.coder]) {
      expect((await w.send(user, 'GET', '/api/billing/eligibility')).statusCode).toBe(403);
      expect(
        (
          await w.send(user, 'POST', '/api/billing/eligibility/requests', {
            patientIds: [crypto.randomUUID()],
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await w.send(user, 'POST', '/api/billing/eligibility/responses', { content: 'ISA' })).statusCode,
      ).toBe(403);
    }
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('outcome', '=', 'denied')
      .where('actor_user_id', 'in', [w.doctor.id, w.coder.id])
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(6);
  });
});
