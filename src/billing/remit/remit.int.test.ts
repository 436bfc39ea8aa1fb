import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { remitFor, submittedClaim, type TestClaim } from '../../../test/remit-fixtures.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { listClaims } from '../claims-read.service.ts';
import { importRemit } from './remit.service.ts';

let t: TestApp;
let biller: TestUser;
let doctor: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  biller = await createTestUser(t, ['biller']);
  doctor = await createTestUser(t, ['physician']);
});
afterAll(() => t.close());

const claimById = async (id: string) =>
  (await listClaims(cliContext(t.deps), {})).items.find((c) => c.id === id);

describe('835 import', () => {
  it('posts an 835 generated from our own claims exactly, and a re-import posts nothing', async () => {
    const a = await submittedClaim(t, [
      { code: '99213', modifiers: ['25'], charge: 120 },
      { code: '36415', modifiers: [], charge: 12 },
    ]);
    const b = await submittedClaim(t, [{ code: '99214', modifiers: [], charge: 180 }]);
    const text = remitFor([a, b], { deny: new Set([b.pcn]), trace: 'EFT1001', plb: 2.5 });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/billing/remits',
      headers: biller.headers,
      payload: { fileName: 'eft1001.835', content: text },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().transactions[0]).toMatchObject({
      duplicate: false,
      traceNumber: 'EFT1001',
      payment: 81.7,
      claimPayments: 79.2,
      providerAdjustments: -2.5,
      claims: 2,
      posted: 2,
      denied: 1,
      paid: 79.2,
      unmatched: [],
    });
    expect(await claimById(a.id)).toMatchObject({
      status: 'paid',
      charge: 132,
      paid: 79.2,
      adjusted: 39.6,
      patientResponsibility: 13.2,
      balance: 13.2,
    });
    expect(await claimById(b.id)).toMatchObject({ status: 'denied', paid: 0, adjusted: 180, balance: 0 });
    const denial = await t.deps.db
      .selectFrom('billing_denial')
      .selectAll()
      .where('claim_id', '=', b.id)
      .execute();
    expect(denial).toMatchObject([
      { group_code: 'CO', reason_code: '50', remarks: ['N115'], status: 'open' },
    ]);

    const again = await importRemit(cliContext(t.deps), text, 'eft1001-again.835');
    expect(again.transactions[0]).toMatchObject({ duplicate: true, posted: 0 });
    expect(await claimById(a.id)).toMatchObject({ paid: 79.2, balance: 13.2 });
    const postings = await t.deps.db
      .selectFrom('billing_posting')
      .select('amount')
      .where('claim_id', '=', a.id)
      .execute();
    expect(postings).toHaveLength(6);
  });

  it('rejects a file that does not balance, naming the segment, and posts nothing', async () => {
    const c = await submittedClaim(t, [{ code: '99213', modifiers: [], charge: 100 }]);
    const text = remitFor([c], { trace: 'EFT2002' }).replace('BPR*I*60.00', 'BPR*I*61.00');
    await expect(importRemit(cliContext(t.deps), text, 'bad.835')).rejects.toMatchObject({
      code: 'REMIT_FILE_INVALID',
      message: expect.stringContaining('(BPR)'),
    });
    expect(await claimById(c.id)).toMatchObject({ status: 'submitted', paid: 0 });
  });

  it('puts unknown claims and unmatched lines on the work list without posting them', async () => {
    const c = await submittedClaim(t, [{ code: '99213', modifiers: [], charge: 100 }]);
    const ghost: TestClaim = {
      id: '',
      pcn: 'NOTOURS0001',
      lines: [{ code: '99213', modifiers: [], charge: 50 }],
    };
    const other = await submittedClaim(t, [{ code: '99213', modifiers: [], charge: 70 }]);
    const text = remitFor([c, ghost, { ...other, lines: [{ code: '99999', modifiers: [], charge: 70 }] }], {
      trace: 'EFT3003',
    });
    const r = await importRemit(cliContext(t.deps), text, 'mixed.835');
    expect(r.transactions[0]?.unmatched).toEqual([
      { patientControlNumber: 'NOTOURS0001', reason: 'claim_not_found', lines: 1 },
      { patientControlNumber: other.pcn, reason: 'lines_unmatched', lines: 1 },
    ]);
    expect(await claimById(c.id)).toMatchObject({ status: 'paid', paid: 60 });
    expect(await claimById(other.id)).toMatchObject({ status: 'submitted', paid: 0 });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/billing/remits/worklist',
      headers: biller.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { patientControlNumber: string }) => i.patientControlNumber)).toEqual(
      expect.arrayContaining(['NOTOURS0001', other.pcn]),
    );
  });

  it('refuses an import without the billing permission and audits the refusal', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/billing/remits',
      headers: doctor.headers,
      payload: { fileName: 'x.835', content: 'ISA' },
    });
    expect(res.statusCode).toBe(403);
  });
});
