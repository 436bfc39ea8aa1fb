import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { billingSample } from '../../test/billing-fixtures.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { remitFor, submittedClaim } from '../../test/remit-fixtures.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { loadPayers } from './fees.service.ts';
import { importRemit } from './remit/remit.service.ts';

let t: TestApp;
let biller: TestUser;
let coder: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  biller = await createTestUser(t, ['biller']);
  coder = await createTestUser(t, ['coder']);
  await loadPayers(cliContext(t.deps), billingSample('payers.csv'));
});
afterAll(() => t.close());

const queue = async (user: TestUser, key: string) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/my-work', headers: user.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().queues.find((q: { key: string }) => q.key === key);
};

async function denied(payDate: string, trace: string): Promise<string> {
  const c = await submittedClaim(t, [{ code: '99214', modifiers: [], charge: 180 }]);
  await importRemit(
    cliContext(t.deps),
    remitFor([c], { deny: new Set([c.pcn]), payDate, trace }),
    `${trace}.835`,
  );
  return c.id;
}

async function pendingAuth(validFrom: string): Promise<string> {
  const payer = await t.deps.db.selectFrom('billing_payer').select('id').executeTakeFirstOrThrow();
  const now = t.clock.now();
  const row = await t.deps.db
    .insertInto('billing_prior_auth')
    .values({
      patient_id: (await insertTestPatient(t)).id,
      payer_ref: payer.id,
      codes: ['71046'],
      units_approved: null,
      valid_from: validFrom,
      valid_to: '2026-12-31',
      status: 'pending',
      auth_number: null,
      note: null,
      created_by: biller.id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('billing queues on My work', () => {
  it('counts denials against the 120-day appeal limit and opens the oldest denied claim', async () => {
    // Today is 2026-03-02: denied 2025-11-02 is 120 days ago (due today), 2025-10-01 is past its limit.
    const late = await denied('20251001', 'WQ1');
    await denied('20251102', 'WQ2');
    await denied('20260220', 'WQ3');
    expect(await queue(biller, 'denials')).toMatchObject({
      duty: 'billing',
      count: 3,
      breached: 1,
      dueToday: 1,
      oldestAgeDays: 152,
      nextItemPath: `/billing/claims/${late}`,
      deadline: { days: 120, rule: expect.stringContaining('42 CFR 405.942') },
    });
  });

  it('counts pending prior authorizations against their first day of service', async () => {
    const overdue = await pendingAuth('2026-02-25');
    await pendingAuth('2026-03-02');
    await pendingAuth('2026-04-01');
    expect(await queue(biller, 'prior-auths')).toMatchObject({
      count: 3,
      breached: 1,
      dueToday: 1,
      nextItemPath: '/billing/prior-auths',
    });
    // Decided authorizations leave the queue.
    await t.deps.db
      .updateTable('billing_prior_auth')
      .set({ status: 'denied' })
      .where('id', '=', overdue)
      .execute();
    expect(await queue(biller, 'prior-auths')).toMatchObject({ count: 2, breached: 0 });
  });

  it('is not shown to a user without billing:read', async () => {
    expect(await queue(coder, 'denials')).toBeUndefined();
    expect(await queue(coder, 'prior-auths')).toBeUndefined();
  });
});
