import { describe, expect, it } from 'vitest';
import type { CoverageForBilling } from '../../patients/index.ts';
import { lineAdjudicationSegments, otherPayerSegments } from '../x12/cob837.ts';
import { elementValue, serialize } from '../x12/segment.ts';
import { cobBalanceProblems, cobDetails, destination, movesResponsibility, nextCoverage } from './cob.ts';
import { type ClaimForPosting, planPosting } from './plan.ts';
import { parse835 } from './x835.ts';

/** A primary's 835: two lines paid, a claim-level CO-253 sequestration taken off the payment. */
const remit = [
  'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CK             *260301*1200*^*00501*000000001*0*T*:',
  'GS*HP*PAYER*CK*20260301*1200*1*X*005010X221A1',
  'ST*835*0001',
  'BPR*I*78*C*ACH*CCP*01*999999999*DA*1*1999999999**01*888888888*DA*2*20260301',
  'TRN*1*T1*1999999999',
  'N1*PR*PAYER ONE',
  'N1*PE*CLINIC*XX*1234567893',
  'LX*1',
  'CLP*CK1*1*150*78*20*12*PAY123',
  'CAS*CO*253*2',
  'SVC*HC:99213*100*60',
  'CAS*CO*45*25',
  'CAS*PR*2*15',
  'SVC*HC:36415:QW*50*20',
  'CAS*CO*45*25',
  'CAS*PR*3*5',
  'SE*15*0001',
  'GE*1*1',
  'IEA*1*000000001',
].join('~\n');

const ours: ClaimForPosting = {
  id: 'c1',
  patientControlNumber: 'CK1',
  patientId: 'p1',
  payerName: 'Payer One',
  status: 'submitted',
  version: 3,
  charge: 15000,
  paid: 0,
  adjusted: 0,
  patientResponsibility: 0,
  lines: [
    { id: 'l1', lineNo: 1, code: '99213', modifiers: [], serviceDate: '2026-02-10', charge: 10000 },
    { id: 'l2', lineNo: 2, code: '36415', modifiers: ['QW'], serviceDate: '2026-02-10', charge: 5000 },
  ],
};

const coverage = (priority: CoverageForBilling['priority'], from = '2026-01-01'): CoverageForBilling => ({
  id: priority,
  priority,
  payer: `${priority} payer`,
  plan: null,
  memberId: 'M1',
  groupNumber: null,
  subscriberName: 'Pat Doe',
  relationship: 'self',
  effectiveFrom: from,
  effectiveTo: null,
});

describe('COB after a primary 835', () => {
  const [r] = parse835(remit);
  const [plan] = planPosting(r as NonNullable<typeof r>, new Map([['CK1', { ...ours }]]));
  const cob = cobDetails(
    plan as NonNullable<typeof plan>,
    {
      id: 'c1',
      patientControlNumber: 'CK1',
      payer: { name: 'Payer One', payerId: 'P1', filingIndicator: 'CI', order: 'primary' },
      subscriber: { memberId: 'M1', groupNumber: 'G1', name: 'Pat Doe', relationship: 'self' },
      lines: [
        { id: 'l1', lineNo: 1, code: '99213', modifiers: [], units: 1 },
        { id: 'l2', lineNo: 2, code: '36415', modifiers: ['QW'], units: 1 },
      ],
    },
    '2026-03-01',
  );

  it('keeps claim-level CAS apart from the lines as the payer sent them, and balances', () => {
    expect(movesResponsibility(plan as NonNullable<typeof plan>)).toBe(true);
    expect(cob).toMatchObject({ paid: 78, patientResponsibility: 20, payerClaimNumber: 'PAY123' });
    expect(cob.claimAdjustments).toEqual([{ group: 'CO', reason: '253', amount: 2 }]);
    expect(cob.lines).toEqual([
      expect.objectContaining({
        lineNo: 1,
        paid: 60,
        adjustments: [
          { group: 'CO', reason: '45', amount: 25 },
          { group: 'PR', reason: '2', amount: 15 },
        ],
      }),
      expect.objectContaining({ lineNo: 2, code: '36415', modifiers: ['QW'], paid: 20 }),
    ]);
    expect(
      cobBalanceProblems(
        cob,
        new Map([
          [1, 100],
          [2, 50],
        ]),
        150,
      ),
    ).toEqual([]);
    expect(
      cobBalanceProblems(
        { ...cob, paid: 80 },
        new Map([
          [1, 100],
          [2, 50],
        ]),
        150,
      ),
    ).toEqual(['claim: paid 80 does not balance']);
    expect(
      cobBalanceProblems(
        cob,
        new Map([
          [1, 90],
          [2, 50],
        ]),
        140,
      )[0],
    ).toMatch(/^line 1/);
  });

  it('writes 2320 with claim-level CAS, AMT*D, AMT*EAF, OI, 2330A/B, and 2430 per line', () => {
    const text = serialize([...otherPayerSegments(cob), ...lineAdjudicationSegments(cob, 2, null)]);
    expect(text).toBe(
      [
        'SBR*P*18*G1******CI~',
        'CAS*CO*253*2~',
        'AMT*D*78~',
        'AMT*EAF*20~',
        'OI***Y***Y~',
        'NM1*IL*1*DOE*PAT****MI*M1~',
        'NM1*PR*2*PAYER ONE*****PI*P1~',
        'REF*F8*PAY123~',
        'SVD*P1*20*HC:36415:QW**1~',
        'CAS*CO*45*25~',
        'CAS*PR*3*5~',
        'DTP*573*D8*20260301~',
        '',
      ].join('\n'),
    );
    const seven = otherPayerSegments({
      ...cob,
      claimAdjustments: Array.from({ length: 7 }, (_, i) => ({
        group: 'CO',
        reason: String(i + 1),
        amount: 1,
      })),
    });
    expect(seven.filter((s) => s.id === 'CAS').map((s) => elementValue(s, 2))).toEqual(['1', '7']);
  });

  it('sends the responsibility to the next coverage in force, else to the patient; a crossover is forwarded', () => {
    const all = [coverage('tertiary'), coverage('secondary', '2026-06-01'), coverage('primary')];
    expect(nextCoverage(all, 'primary', '2026-02-10')?.priority).toBe('tertiary');
    expect(nextCoverage(all, 'primary', '2026-07-01')?.priority).toBe('secondary');
    expect(nextCoverage(all, 'tertiary', '2026-07-01')).toBeNull();
    expect(destination('1', coverage('secondary'))).toBe('secondary');
    expect(destination('2', null)).toBe('patient');
    expect(destination('19', coverage('secondary'))).toBe('forwarded');
  });
});
