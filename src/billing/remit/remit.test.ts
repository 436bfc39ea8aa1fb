import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data.ts';
import { lineControlNumber } from '../line-control.ts';
import { matchLines, type OurLine, share } from './match.ts';
import { type ClaimForPosting, planPosting } from './plan.ts';
import { checkBalance, parse835 } from './x835.ts';

const sample = (...p: string[]) => readFileSync(sharedData('x12', ...p), 'utf8');
const lfh = (f: string) => sample('linuxforhealth-x12', '835_005010X221A1', f);

describe('835 reader', () => {
  it('reads the managed-care sample and it balances', () => {
    const [r] = parse835(lfh('managed-care.835'));
    expect(r?.traceNumber).toBe('7170066655');
    expect(r?.payment).toBe(94500);
    expect(r?.claims.map((c) => c.patientControlNumber)).toEqual(['5554555444', '8765432112']);
    expect(r?.claims[0]?.lines[0]?.paidAs.code).toBe('99211');
    expect(() => r && checkBalance(r)).not.toThrow();
  });

  it('balances with a provider-level adjustment (PLB) in the Medicare Part A sample', () => {
    const [r] = parse835(lfh('medicare-part-a.835'));
    expect(r?.providerAdjustments).toEqual([
      expect.objectContaining({ reason: 'CV', reference: 'CP', amount: -127 }),
    ]);
    expect(() => r && checkBalance(r)).not.toThrow();
  });

  it('reads remark codes (LQ*HE) of a zero-pay denial', () => {
    const [r] = parse835(sample('pyx12', '835_mult_loops.txt'));
    expect(r?.claims[0]?.lines.map((l) => l.remarks)).toEqual([['N14'], ['N14'], ['N14']]);
    expect(() => r && checkBalance(r)).not.toThrow();
  });

  it('rejects a file whose composites do not use the ISA16 separator, naming the segment', () => {
    expect(() => parse835(lfh('secondary-payment.835'))).toThrow(/segment 29 \(SVC\)/);
  });

  it('rejects a file that does not balance, naming the BPR', () => {
    const text = lfh('managed-care.835').replace('BPR*I*945.00', 'BPR*I*946.00');
    const [r] = parse835(text);
    expect(() => r && checkBalance(r)).toThrow(/segment 4 \(BPR\).*BPR02 946.00/);
  });

  it('rejects a claim that does not balance, naming the CLP', () => {
    const [r] = parse835(lfh('managed-care.835').replace('CAS*CO*A2*50.00', 'CAS*CO*A2*40.00'));
    expect(() => r && checkBalance(r)).toThrow(/\(CLP\): claim 5554555444 does not balance/);
  });

  it('rejects a wrong SE segment count', () => {
    expect(() => parse835(lfh('managed-care.835').replace('SE*26*', 'SE*27*'))).toThrow(/\(SE\)/);
  });

  it('hashes the transaction set, not the envelope', () => {
    const a = parse835(lfh('managed-care.835'))[0]?.hash;
    const b = parse835(lfh('managed-care.835').replace('000000907', '000000999'))[0]?.hash;
    expect(a).toBe(b);
  });
});

const line = (
  id: string,
  lineNo: number,
  code: string,
  charge: number,
  modifiers: string[] = [],
): OurLine => ({
  id,
  lineNo,
  code,
  modifiers,
  serviceDate: '2026-02-10',
  charge,
});

const svc835 = (svcs: string) =>
  parse835(
    [
      'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CK             *260301*1200*^*00501*000000001*0*T*:~',
      'GS*HP*PAYER*CK*20260301*1200*1*X*005010X221A1~',
      'ST*835*0001~',
      'BPR*I*0*C*NON************20260301~',
      'TRN*1*T1*1999999999~',
      'CLP*CK1*1*0*0**12*X1~',
      svcs,
      `SE*${5 + svcs.split('~').length - 1}*0001~`,
      'GE*1*1~',
      'IEA*1*000000001~',
    ].join(''),
  )[0]?.claims[0]?.lines ?? [];

describe('line matching', () => {
  const ours = [line('a', 1, '99213', 12000, ['25']), line('b', 2, '36415', 2000)];

  it('matches a line whose modifier the payer dropped', () => {
    const m = matchLines(svc835('SVC*HC:99213*120.00*80.00~DTM*472*20260210~'), ours);
    expect(m[0]).toMatchObject({ match: 'modifier', allocations: [{ lineId: 'a', paid: 8000 }] });
  });

  it('matches a line answered under another code by SVC06 (the billed code)', () => {
    const m = matchLines(svc835('SVC*HC:99212*120.00*60.00**1*HC:99213:25~DTM*472*20260210~'), ours);
    expect(m[0]).toMatchObject({ match: 'exact', allocations: [{ lineId: 'a', paid: 6000 }] });
  });

  it('shares a bundled answer over the lines it covers', () => {
    const m = matchLines(svc835('SVC*HC:99213*140.00*70.00~DTM*472*20260210~'), ours);
    expect(m[0]?.match).toBe('bundled');
    expect(m[0]?.allocations.map((a) => [a.lineId, a.paid])).toEqual([
      ['a', 6000],
      ['b', 1000],
    ]);
  });

  it('never guesses: another code without SVC06 is unmatched', () => {
    const m = matchLines(svc835('SVC*HC:99214*120.00*80.00~DTM*472*20260210~'), ours);
    expect(m[0]).toMatchObject({ match: 'unmatched', allocations: [] });
  });

  it('shares amounts to the cent', () => {
    expect(share(1000, [1, 1, 1])).toEqual([333, 333, 334]);
  });
});

describe('posting plan', () => {
  const claim = (): ClaimForPosting => ({
    id: 'c1',
    patientControlNumber: '5554555444',
    patientId: 'p1',
    payerName: 'RUSHMORE LIFE',
    status: 'submitted',
    version: 1,
    charge: 80000,
    paid: 0,
    adjusted: 0,
    patientResponsibility: 0,
    lines: [{ ...line('l1', 1, '99211', 80000), serviceDate: '2002-03-01' }],
  });

  it('posts payment, contractual and patient responsibility; balance = charge − paid − adjusted', () => {
    const [r] = parse835(lfh('managed-care.835'));
    const plans = r ? planPosting(r, new Map([['5554555444', claim()]])) : [];
    expect(plans[0]?.after).toEqual({
      paid: 45000,
      adjusted: 5000,
      patientResponsibility: 30000,
      status: 'paid',
    });
    expect(plans[1]).toMatchObject({ claim: null, worklist: 'claim_not_found' });
  });

  it('files a zero-pay claim as denied with its reason', () => {
    const [r] = parse835(sample('pyx12', '835_mult_loops.txt'));
    const c: ClaimForPosting = {
      ...claim(),
      patientControlNumber: '2005555A',
      charge: 91539,
      lines: [
        { ...line('x1', 1, 'T1005', 50004), serviceDate: '2003-11-29' },
        { ...line('x2', 2, 'T1005', 12780), serviceDate: '2003-10-30' },
        { ...line('x3', 3, 'T1005', 28755), serviceDate: '2003-10-31' },
      ],
    };
    const [p] = r ? planPosting(r, new Map([['2005555A', c]])) : [];
    expect(p?.after?.status).toBe('denied');
    expect(p?.denials).toEqual([
      { claimLineId: null, group: 'CO', reason: '16', remarks: ['N14'], amount: 91539 },
    ]);
  });
});

describe('line item control number (REF*6R)', () => {
  it('matches the dashless id the 837 writes to our dashed line id, whatever the code', () => {
    const id = '3f2c1e9a-8b7d-4c6e-9f01-23456789abcd';
    const ours = [
      line(id, 1, '99213', 12000),
      line('0e5d6c7b-1111-4222-8333-444455556666', 2, '99213', 12000),
    ];
    const ref = lineControlNumber(id);
    expect(ref).toBe('3f2c1e9a8b7d4c6e9f0123456789abcd');
    const m = matchLines(
      svc835(`SVC*HC:99499*120.00*80.00~DTM*472*20260210~REF*6R*${ref.toUpperCase()}~`),
      ours,
    );
    expect(m[0]).toMatchObject({ match: 'control_number', allocations: [{ lineId: id, paid: 8000 }] });
  });
});
