import type { TestApp } from './app.ts';
import { insertTestPatient } from './factories.ts';

let seq = 0;

export interface TestClaim {
  id: string;
  pcn: string;
  lines: { code: string; modifiers: string[]; charge: number }[];
}

/** A submitted claim with its lines, written straight to the billing tables (synthetic). */
export async function submittedClaim(
  t: TestApp,
  lines: TestClaim['lines'],
  opts: { payerName?: string; status?: 'submitted' | 'accepted' } = {},
): Promise<TestClaim> {
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
      payer_name: opts.payerName ?? 'Synthetic Mutual',
      payer_order: 'primary',
      type: 'P',
      status: opts.status ?? 'submitted',
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

let icn = 900;

/** Records that `claim` went out in an 837 batch written on `day` (the submission date aging counts from). */
export async function batched(t: TestApp, claim: TestClaim, day: string): Promise<void> {
  icn += 1;
  const [b] = await t.deps.db
    .insertInto('billing_batch')
    .values({
      interchange_control_number: icn,
      payer_ref: null,
      payer_id: 'ARH01',
      claim_type: 'P',
      implementation: '005010X222A1',
      file_name: `ar-${icn}.837`,
      claims: 1,
      total_charge: 0,
      content: 'ISA',
      created_by: 'test',
      created_at: new Date(`${day}T15:00:00Z`),
    })
    .returning('id')
    .execute();
  await t.deps.db
    .insertInto('billing_batch_claim')
    .values({ batch_id: b?.id ?? '', claim_id: claim.id, transaction_control_number: String(icn) })
    .execute();
}

const amt = (n: number) => n.toFixed(2);

/**
 * An 835 answering our claims: each line paid `rate` of its charge, the rest split into a CO-45
 * contractual and a PR-2 coinsurance; `deny` claims get CO-50 on everything and nothing paid.
 */
export function remitFor(
  claims: TestClaim[],
  opts: {
    deny?: Set<string>;
    denyReason?: string;
    payDate?: string;
    payerName?: string;
    trace: string;
    plb?: number;
  },
): string {
  const segs: string[] = [
    `BPR*I*{TOTAL}*C*ACH*CCP*01*999999999*DA*123456*1999999999**01*888888888*DA*654321*${opts.payDate ?? '20260301'}`,
    `TRN*1*${opts.trace}*1999999999`,
    `N1*PR*${opts.payerName ?? 'SYNTHETIC MUTUAL'}`,
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
      if (denied) segs.push(`CAS*CO*${opts.denyReason ?? '50'}*${amt(l.charge)}`, 'LQ*HE*N115');
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
