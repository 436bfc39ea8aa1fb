import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { insertTestPatient } from '../../../test/factories.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { listClaims } from '../claims-read.service.ts';
import { importRemit } from './remit.service.ts';

let t: TestApp;
let biller: TestUser;
let doctor: TestUser;
let seq = 0;

interface TestClaim {
  id: string;
  pcn: string;
  lines: { code: string; modifiers: string[]; charge: number }[];
}

/** A submitted claim with its lines, written straight to the billing tables (synthetic). */
async function submittedClaim(lines: TestClaim['lines']): Promise<TestClaim> {
  const patientId = (await insertTestPatient(t, { birthDate: '1970-01-01', sex: 'F' })).id;
  const enc = crypto.randomUUID();
  const now = t.clock.now();
  seq += 1;
  const pcn = `RT${String(seq).padStart(10, '0')}`;
  const charge = lines.reduce((a, l) => a + l.charge, 0);
  const [claim] = await t.deps.db
    .insertInto('billing_claim')
    .values({
      patient_control_number: pcn,
      encounter_id: enc,
      patient_id: patientId,
      coverage_id: crypto.randomUUID(),
      payer_ref: null,
      payer_name: 'Synthetic Mutual',
      payer_order: 'primary',
      type: 'P',
      status: 'submitted',
      service_from: '2026-02-10',
      service_to: '2026-02-10',
      diagnoses: JSON.stringify([{ code: 'E119' }]),
      details: '{}',
      charge,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .execute();
  const claimId = claim?.id ?? '';
  for (const [i, l] of lines.entries()) {
    const [ch] = await t.deps.db
      .insertInto('billing_charge')
      .values({
        encounter_id: enc,
        patient_id: patientId,
        coding_version: 1,
        line_no: i + 1,
        code_system: 'cpt',
        code: l.code,
        modifiers: l.modifiers,
        units: 1,
        service_date: '2026-02-10',
        diagnosis_pointers: [1],
        place_of_service: '11',
        revenue_code: null,
        rendering_user_id: null,
        amount: l.charge,
        status: 'billed',
        created_at: now,
      })
      .returning('id')
      .execute();
    await t.deps.db
      .insertInto('billing_claim_line')
      .values({
        claim_id: claimId,
        line_no: i + 1,
        charge_id: ch?.id ?? '',
        code_system: 'cpt',
        code: l.code,
        modifiers: l.modifiers,
        units: 1,
        service_date: '2026-02-10',
        diagnosis_pointers: [1],
        place_of_service: '11',
        revenue_code: null,
        rendering_user_id: null,
        charge: l.charge,
      })
      .execute();
  }
  return { id: claimId, pcn, lines };
}

const amt = (n: number) => n.toFixed(2);

/**
 * An 835 answering our claims: each line paid `rate` of its charge, the rest split into a CO-45
 * contractual and a PR-2 coinsurance; `deny` claims get CO-50 on everything and nothing paid.
 */
function remitFor(claims: TestClaim[], opts: { deny?: Set<string>; trace: string; plb?: number }): string {
  const segs: string[] = [
    'BPR*I*{TOTAL}*C*ACH*CCP*01*999999999*DA*123456*1999999999**01*888888888*DA*654321*20260301',
    `TRN*1*${opts.trace}*1999999999`,
    'N1*PR*SYNTHETIC MUTUAL',
    'N1*PE*NORTH CLINIC*XX*1234567893',
    'LX*1',
  ];
  let total = 0;
  for (const c of claims) {
    const denied = opts.deny?.has(c.pcn);
    const lines = c.lines.map((l) => {
      const paid = denied ? 0 : Math.round(l.charge * 60) / 100;
      const pr = denied ? 0 : Math.round(l.charge * 10) / 100;
      return { ...l, paid, pr, co: Math.round((l.charge - paid - pr) * 100) / 100 };
    });
    const charge = lines.reduce((a, l) => a + l.charge, 0);
    const paid = lines.reduce((a, l) => a + l.paid, 0);
    const pr = lines.reduce((a, l) => a + l.pr, 0);
    total += Math.round(paid * 100);
    segs.push(
      `CLP*${c.pcn}*${denied ? '4' : '1'}*${amt(charge)}*${amt(paid)}*${pr ? amt(pr) : ''}*12*PCN${c.pcn}`,
    );
    for (const l of lines) {
      segs.push(
        `SVC*HC:${[l.code, ...l.modifiers].join(':')}*${amt(l.charge)}*${amt(l.paid)}**1`,
        'DTM*472*20260210',
      );
      if (denied) segs.push(`CAS*CO*50*${amt(l.charge)}`, 'LQ*HE*N115');
      else segs.push(`CAS*CO*45*${amt(l.co)}`, `CAS*PR*2*${amt(l.pr)}`);
    }
  }
  if (opts.plb) {
    segs.push(`PLB*1234567893*20261231*L6:INT*${amt(-opts.plb)}`);
    total += Math.round(opts.plb * 100);
  }
  segs[0] = (segs[0] ?? '').replace('{TOTAL}', amt(total / 100));
  const body = ['ST*835*0001', ...segs, `SE*${segs.length + 2}*0001`];
  return [
    'ISA*00*          *00*          *ZZ*SYNMUTUAL      *ZZ*CHARTKEEPER    *260301*1200*^*00501*000000001*0*T*:',
    'GS*HP*SYNMUTUAL*CHARTKEEPER*20260301*1200*1*X*005010X221A1',
    ...body,
    'GE*1*1',
    'IEA*1*000000001',
  ]
    .join('~\n')
    .concat('~\n');
}

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
    const a = await submittedClaim([
      { code: '99213', modifiers: ['25'], charge: 120 },
      { code: '36415', modifiers: [], charge: 12 },
    ]);
    const b = await submittedClaim([{ code: '99214', modifiers: [], charge: 180 }]);
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
    const c = await submittedClaim([{ code: '99213', modifiers: [], charge: 100 }]);
    const text = remitFor([c], { trace: 'EFT2002' }).replace('BPR*I*60.00', 'BPR*I*61.00');
    await expect(importRemit(cliContext(t.deps), text, 'bad.835')).rejects.toMatchObject({
      code: 'REMIT_FILE_INVALID',
      message: expect.stringContaining('(BPR)'),
    });
    expect(await claimById(c.id)).toMatchObject({ status: 'submitted', paid: 0 });
  });

  it('puts unknown claims and unmatched lines on the work list without posting them', async () => {
    const c = await submittedClaim([{ code: '99213', modifiers: [], charge: 100 }]);
    const ghost: TestClaim = {
      id: '',
      pcn: 'NOTOURS0001',
      lines: [{ code: '99213', modifiers: [], charge: 50 }],
    };
    const other = await submittedClaim([{ code: '99213', modifiers: [], charge: 70 }]);
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
