import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { batched, remitFor, submittedClaim } from '../../../test/remit-fixtures.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { importRemit } from '../remit/remit.service.ts';

let t: TestApp;
let biller: TestUser;
let doctor: TestUser;

const get = (user: TestUser, url: string) => t.app.inject({ method: 'GET', url, headers: user.headers });

beforeAll(async () => {
  t = await buildTestApp();
  biller = await createTestUser(t, ['biller']);
  doctor = await createTestUser(t, ['physician']);
});
afterAll(() => t.close());

describe('A/R aging', () => {
  it('ages open balances per payer from the first 837 batch, after 835 posting', async () => {
    t.clock.set('2026-08-01T12:00:00Z');
    const payerName = 'Ar Health';
    const fresh = await submittedClaim(t, [{ code: '99214', modifiers: [], charge: 180 }], { payerName });
    await batched(t, fresh, '2026-07-20'); // 12 days: 0–30
    await batched(t, fresh, '2026-07-25'); // a resubmission does not restart the clock
    const old = await submittedClaim(t, [{ code: '99213', modifiers: [], charge: 100 }], { payerName });
    await batched(t, old, '2026-03-01'); // 153 days: 120+
    const paid = await submittedClaim(t, [{ code: '99212', modifiers: [], charge: 50 }], { payerName });
    await batched(t, paid, '2026-06-15'); // 47 days: 31–60, then the payer answers
    await importRemit(
      cliContext(t.deps),
      remitFor([paid], { payerName: 'AR HEALTH', trace: 'AR1', payDate: '20260701' }),
      'ar1.835',
    );
    // Never sent in a batch: not receivable yet.
    await submittedClaim(t, [{ code: '99211', modifiers: [], charge: 40 }], { payerName });

    const posted = (await get(biller, `/api/billing/claims/${paid.id}`)).json();
    expect(posted.paid).toBe(30);
    const res = await get(biller, '/api/billing/aging');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe('2026-08-01');
    expect(body.buckets).toEqual(['0-30', '31-60', '61-90', '91-120', '120+']);
    const payer = body.payers.find((p: { payerName: string }) => p.payerName === payerName);
    const openAfter835 = posted.balance > 0 ? 1 : 0;
    expect(payer).toMatchObject({
      count: 2 + openAfter835,
      amount: 280 + posted.balance,
      buckets: {
        '0-30': { count: 1, amount: 180 },
        '31-60': { count: openAfter835, amount: posted.balance },
        '61-90': { count: 0, amount: 0 },
        '120+': { count: 1, amount: 100 },
      },
    });
    expect(body.totals['0-30']).toEqual({ count: 1, amount: 180 });
    const audits = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'billing.ar_aging_read')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('refuses users without the billing permission and audits the refusal', async () => {
    expect((await get(doctor, '/api/billing/aging')).statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('outcome', '=', 'denied')
      .where('actor_user_id', '=', doctor.id)
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(1);
  });
});
