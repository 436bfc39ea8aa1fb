import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { remitFor, submittedClaim, type TestClaim } from '../../../test/remit-fixtures.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { importRemit } from '../remit/remit.service.ts';
import { originalReferences } from '../x12/batch.queries.ts';

let t: TestApp;
let biller: TestUser;
let biller2: TestUser;
let doctor: TestUser;
let trace = 0;

const send = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

/** A claim denied by an 835 with the given CARC, paid on `payDate`; returns the claim and its denial. */
async function deniedClaim(reason: string, payDate = '20260301', payerName = 'Synthetic Mutual') {
  const c = await submittedClaim(t, [{ code: '99214', modifiers: [], charge: 180 }], { payerName });
  trace += 1;
  await importRemit(
    cliContext(t.deps),
    remitFor([c], {
      deny: new Set([c.pcn]),
      denyReason: reason,
      payDate,
      payerName: payerName.toUpperCase(),
      trace: `DEN${trace}`,
    }),
    `den${trace}.835`,
  );
  const list = await send(biller, 'GET', `/api/billing/denials?claimId=${c.id}`);
  expect(list.statusCode).toBe(200);
  const [denial] = list.json().items;
  return { claim: c as TestClaim, denial };
}

beforeAll(async () => {
  t = await buildTestApp();
  biller = await createTestUser(t, ['biller']);
  biller2 = await createTestUser(t, ['biller']);
  doctor = await createTestUser(t, ['physician']);
});
afterAll(() => t.close());

describe('denials queue', () => {
  it('lists a zero-pay denial with its CARC/RARC text, category, suggested action and age', async () => {
    t.clock.set('2026-04-15T12:00:00Z');
    const { claim, denial } = await deniedClaim('197');
    expect(denial).toMatchObject({
      claimId: claim.id,
      patientControlNumber: claim.pcn,
      groupCode: 'CO',
      reasonCode: '197',
      category: 'authorization',
      reasonText: expect.stringContaining('authorization'),
      remarks: [{ code: 'N115', text: expect.stringContaining('Local Coverage Determination') }],
      suggestedAction: expect.stringContaining('REF*G1'),
      amount: 180,
      deniedOn: '2026-03-01',
      ageDays: 45,
      aging: '31-60',
      status: 'open',
      assignee: null,
      version: 1,
    });
    const byCategory = await send(biller, 'GET', '/api/billing/denials?category=authorization');
    expect(byCategory.json().items.map((d: { id: string }) => d.id)).toContain(denial.id);
    const other = await send(biller, 'GET', '/api/billing/denials?category=timely_filing');
    expect(other.json().items.map((d: { id: string }) => d.id)).not.toContain(denial.id);
    const aged = await send(biller, 'GET', '/api/billing/denials?aging=0-30');
    expect(aged.json().items.map((d: { id: string }) => d.id)).not.toContain(denial.id);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'billing.denials_read')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('assigns, works and resolves a denial with a versioned, append-only trail', async () => {
    const { denial } = await deniedClaim('16');
    const assigned = await send(biller, 'POST', `/api/billing/denials/${denial.id}/assign`, {
      userId: biller2.id,
      version: 1,
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({
      status: 'in_progress',
      assignee: { id: biller2.id, username: biller2.username },
      version: 2,
    });
    const mine = await send(biller2, 'GET', '/api/billing/denials?assignedTo=me');
    expect(mine.json().items.map((d: { id: string }) => d.id)).toEqual([denial.id]);

    const stale = await send(biller, 'POST', `/api/billing/denials/${denial.id}/status`, {
      status: 'resolved',
      version: 1,
      note: 'paid on resubmission',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('DENIAL_VERSION_CONFLICT');

    const noNote = await send(biller, 'POST', `/api/billing/denials/${denial.id}/status`, {
      status: 'written_off',
      version: 2,
    });
    expect(noNote.json().error.code).toBe('DENIAL_NOTE_REQUIRED');

    const done = await send(biller2, 'POST', `/api/billing/denials/${denial.id}/status`, {
      status: 'written_off',
      version: 2,
      note: 'small balance, not worth appealing',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'written_off', version: 3 });
    expect(done.json().events.map((e: { action: string }) => e.action)).toEqual(['assigned', 'written_off']);

    const reopen = await send(biller, 'POST', `/api/billing/denials/${denial.id}/status`, {
      status: 'open',
      version: 3,
    });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().error.code).toBe('DENIAL_STATUS_INVALID');
    await expect(
      t.deps.db.updateTable('billing_denial_event').set({ note: 'rewritten' }).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('reports aging per payer in 0–30 … 120+ day buckets', async () => {
    t.clock.set('2026-08-01T12:00:00Z');
    await deniedClaim('29', '20260720', 'Aging Health');
    await deniedClaim('18', '20260301', 'Aging Health');
    const res = await send(biller, 'GET', '/api/billing/denials/aging');
    expect(res.statusCode).toBe(200);
    const payer = res.json().payers.find((p: { payerName: string }) => p.payerName === 'AGING HEALTH');
    expect(payer).toMatchObject({
      count: 2,
      amount: 360,
      buckets: { '0-30': { count: 1, amount: 180 }, '120+': { count: 1, amount: 180 } },
    });
    expect(res.json().buckets).toEqual(['0-30', '31-60', '61-90', '91-120', '120+']);
  });

  it('counts every matching denial in total, not only the page shown', async () => {
    t.clock.set('2026-08-01T12:00:00Z');
    await deniedClaim('16', '20260710', 'Paging Health');
    await deniedClaim('16', '20260711', 'Paging Health');
    await deniedClaim('16', '20260712', 'Paging Health');
    const page = await send(biller, 'GET', '/api/billing/denials?payer=Paging&limit=2');
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toHaveLength(2);
    expect(page.json().total).toBe(3);
    const last = await send(biller, 'GET', '/api/billing/denials?payer=Paging&limit=2&offset=2');
    expect(last.json().items).toHaveLength(1);
    expect(last.json().total).toBe(3);
  });

  it('refuses the queue and changes without the billing permission, and audits the refusal', async () => {
    const { denial } = await deniedClaim('50');
    const read = await send(doctor, 'GET', '/api/billing/denials');
    expect(read.statusCode).toBe(403);
    const write = await send(doctor, 'POST', `/api/billing/denials/${denial.id}/assign`, {
      userId: doctor.id,
      version: 1,
    });
    expect(write.statusCode).toBe(403);
    const anon = await t.app.inject({ method: 'GET', url: '/api/billing/denials' });
    expect(anon.statusCode).toBe(401);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'access.denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
    const unknown = await send(biller, 'POST', `/api/billing/denials/${denial.id}/assign`, {
      userId: crypto.randomUUID(),
      version: 1,
    });
    expect(unknown.json().error.code).toBe('DENIAL_ASSIGNEE_UNKNOWN');
    const missing = await send(biller, 'GET', `/api/billing/denials/${crypto.randomUUID()}`);
    expect(missing.statusCode).toBe(404);
  });
});

describe('appeals and corrected claims', () => {
  it('appeals a denial with a letter, moves the claim to appealed, and goes to the next level', async () => {
    const { claim, denial } = await deniedClaim('50');
    const res = await send(biller, 'POST', `/api/billing/denials/${denial.id}/appeals`, {
      version: 1,
      reason: 'The visit was medically necessary: the notes document worsening symptoms.',
      records: ['Progress note of the visit', 'Lab results'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'appealed',
      version: 2,
      appeals: [{ level: 1, records: ['Progress note of the visit', 'Lab results'] }],
    });
    const appealId = res.json().appeals[0].id;
    const [row] = await t.deps.db
      .selectFrom('billing_denial_appeal')
      .select('letter')
      .where('id', '=', appealId)
      .execute();
    expect(row?.letter).toContain(`patient control number ${claim.pcn}`);
    expect(row?.letter).toContain('payer claim number PCN');
    expect(row?.letter).toContain('- Lab results');
    const claimRow = await t.deps.db
      .selectFrom('billing_claim')
      .select('status')
      .where('id', '=', claim.id)
      .executeTakeFirst();
    expect(claimRow?.status).toBe('appealed');
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/billing/denials/${denial.id}/appeals/${appealId}/letter`,
      headers: biller.headers,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const second = await send(biller, 'POST', `/api/billing/denials/${denial.id}/appeals`, {
      version: 2,
      reason: 'Second level: the first appeal was upheld without review of the notes.',
    });
    expect(second.json().appeals.map((a: { level: number }) => a.level)).toEqual([1, 2]);

    const forbidden = await t.app.inject({
      method: 'GET',
      url: `/api/billing/denials/${denial.id}/appeals/${appealId}/letter`,
      headers: doctor.headers,
    });
    expect(forbidden.statusCode).toBe(403);
    const noAppeal = await send(doctor, 'POST', `/api/billing/denials/${denial.id}/appeals`, {
      version: 3,
      reason: 'not allowed to appeal this one',
    });
    expect(noAppeal.statusCode).toBe(403);
  });

  it("refers a corrected claim's REF*F8 to the payer's claim control number (CLP07), not our CLM01", async () => {
    const { claim, denial } = await deniedClaim('16');
    const res = await send(biller, 'POST', `/api/billing/denials/${denial.id}/resubmit`, {
      version: 1,
      frequencyCode: '7',
    });
    expect(res.statusCode).toBe(200);
    const refs = await originalReferences(t.deps.db, [claim.id]);
    expect(refs.get(claim.id)).toBe(`PCN${claim.pcn}`);
  });

  it('resubmits a denied claim as a corrected claim (frequency 7) pointing at the original', async () => {
    const { claim, denial } = await deniedClaim('4');
    const res = await send(biller, 'POST', `/api/billing/denials/${denial.id}/resubmit`, {
      version: 1,
      frequencyCode: '7',
      note: 'modifier 25 added',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      denial: { status: 'resubmitted', version: 2 },
      claim: { frequencyCode: '7', status: 'draft', originalClaimId: claim.id },
    });
    const newId = res.json().claim.id;
    expect(res.json().denial.correctedClaimId).toBe(newId);
    const claims = await t.deps.db
      .selectFrom('billing_claim')
      .select(['id', 'status', 'original_claim_id', 'charge'])
      .where('id', 'in', [claim.id, newId])
      .execute();
    expect(claims.find((c) => c.id === claim.id)?.status).toBe('closed');
    expect(claims.find((c) => c.id === newId)?.original_claim_id).toBe(claim.id);
    expect(Number(claims.find((c) => c.id === newId)?.charge)).toBe(180);
    const lines = await t.deps.db
      .selectFrom('billing_claim_line')
      .select('code')
      .where('claim_id', '=', newId)
      .execute();
    expect(lines).toEqual([{ code: '99214' }]);
    const again = await send(biller, 'POST', `/api/billing/denials/${denial.id}/resubmit`, {
      version: 2,
      frequencyCode: '8',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CLAIM_NOT_RESUBMITTABLE');
  });

  it('voids a denied claim (frequency 8)', async () => {
    const { denial } = await deniedClaim('18');
    const res = await send(biller, 'POST', `/api/billing/denials/${denial.id}/resubmit`, {
      version: 1,
      frequencyCode: '8',
    });
    expect(res.json().claim).toMatchObject({ frequencyCode: '8', status: 'draft' });
  });
});
