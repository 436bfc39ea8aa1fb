import { readFileSync } from 'node:fs';
import { X12Interchange, X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data.ts';
import { checkEnvelope } from '../x12/envelope.ts';
import { elementValue, parseX12 } from '../x12/segment.ts';
import { splitName, write270 } from './x270.ts';
import { read271, summarize } from './x271.ts';

const sample = (dir: string, name: string) =>
  readFileSync(sharedData('x12', 'linuxforhealth-x12', dir, name), 'utf8');

const header = {
  senderQualifier: 'ZZ',
  senderId: '1234567893',
  receiverQualifier: 'ZZ',
  receiverId: 'SYNM1',
  controlNumber: 77,
  date: new Date('2026-03-02T14:00:00Z'),
  usage: 'T' as const,
};
const receiver = { name: 'Synthetic Health Clinic', npi: '1234567893', originatorId: '1123456789' };
const patient = { familyName: 'Doe', givenName: 'Ana', birthDate: '1961-04-02', sex: 'F' as const };

const text270 = () =>
  write270(
    header,
    receiver,
    [
      {
        payerId: 'SYNM1',
        name: 'Synthetic Mutual',
        inquiries: [
          {
            traceNumber: 'E000000001',
            memberId: 'SM-1',
            serviceDate: '2026-03-05',
            patient,
            subscriber: null,
          },
          {
            traceNumber: 'E000000002',
            memberId: 'SM-2',
            serviceDate: '2026-03-05',
            patient: { ...patient, givenName: 'Lia', birthDate: '2015-06-01' },
            subscriber: { name: 'Sam Doe' },
          },
        ],
      },
      {
        payerId: 'SYNMC',
        name: 'Synthetic Medicare',
        inquiries: [
          {
            traceNumber: 'E000000003',
            memberId: 'MC-3',
            serviceDate: '2026-03-05',
            patient,
            subscriber: null,
          },
        ],
      },
    ],
    'EL77',
  );

describe('270 writer (005010X279A1)', () => {
  it('writes an interchange that node-x12 parses, with correct counts and the sample structure', () => {
    const text = text270();
    expect(new X12Parser(true).parse(text)).toBeInstanceOf(X12Interchange);
    const { segments } = parseX12(text);
    expect(checkEnvelope(segments)).toEqual([]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toContain('GS*HS*1234567893*SYNM1*20260302*1400*77*X*005010X279A1~');
    expect(lines).toContain('ST*270*0001*005010X279A1~');
    expect(lines).toContain('BHT*0022*13*EL77*20260302*1400~');
    expect(lines).toContain('NM1*PR*2*SYNTHETIC MUTUAL*****PI*SYNM1~');
    expect(lines).toContain('NM1*1P*2*SYNTHETIC HEALTH CLINIC*****XX*1234567893~');
    // Subscriber is the patient: HL 22 with no child, TRN*1 + NM1*IL + DMG + DTP*291 + EQ*30.
    expect(lines.slice(lines.indexOf('HL*3*2*22*0~'), lines.indexOf('HL*3*2*22*0~') + 6)).toEqual([
      'HL*3*2*22*0~',
      'TRN*1*E000000001*1123456789~',
      'NM1*IL*1*DOE*ANA****MI*SM-1~',
      'DMG*D8*19610402*F~',
      'DTP*291*D8*20260305~',
      'EQ*30~',
    ]);
    // A dependent: HL 22 has a child HL 23 carrying the trace and the patient (NM1*03).
    expect(lines).toContain('HL*4*2*22*1~');
    expect(lines).toContain('NM1*IL*1*DOE*SAM****MI*SM-2~');
    expect(lines).toContain('HL*5*4*23*0~');
    expect(lines).toContain('NM1*03*1*DOE*LIA~');
    // One ST per payer in one group; segment ids as in the public sample 270s.
    expect(segments.filter((s) => s.id === 'ST')).toHaveLength(2);
    const ids = (t: string) => new Set(parseX12(t).segments.map((s) => s.id));
    const sampleIds = ids(sample('270_005010X279A1', 'dependent-health-benefit-check.270'));
    for (const id of ids(text)) expect(sampleIds).toContain(id);
  });

  it('splits subscriber names written either way', () => {
    expect(splitName('Doe, Sam')).toEqual({ family: 'Doe', given: 'Sam' });
    expect(splitName('Sam Q Doe')).toEqual({ family: 'Doe', given: 'Sam Q' });
  });
});

describe('271 reader', () => {
  it('reads the subscriber sample: trace, member id, active coverage, plan and co-pay in network', () => {
    const [t] = read271(sample('271_005010X279A1', 'subscriber-health-benefit-check.271'));
    expect(t).toMatchObject({ controlNumber: '4321', payerId: '841610001', payerName: 'ABC COMPANY' });
    expect(t?.people).toHaveLength(1);
    const p = t?.people[0];
    expect(p).toMatchObject({ level: 'subscriber', traceNumbers: ['93175-012547'], memberId: '123456789' });
    // The LS/LE loop's NM1*P3 (primary care provider) is not taken for the subscriber.
    expect(p?.benefits.map((b) => b.code)).toEqual(['1', 'L', '1', 'B', 'B']);
    expect(p?.benefits[3]).toMatchObject({ serviceTypes: expect.arrayContaining(['1', '33', 'UC']) });
    expect(summarize(p as never)).toEqual({
      status: 'active',
      planName: 'GOLD 123 PLAN',
      copay: 10,
      coinsurancePercent: null,
      deductibleRemaining: null,
      rejectReason: null,
    });
  });

  it('reads the dependent sample: the dependent carries the trace and the benefits', () => {
    const [t] = read271(sample('271_005010X279A1', 'dependent-health-benefit-check.271'));
    const dependent = t?.people.find((p) => p.level === 'dependent');
    expect(dependent).toMatchObject({ traceNumbers: ['93175-012547'], memberId: '123456789' });
    expect(summarize(dependent as never)).toMatchObject({ status: 'active', copay: 10 });
  });

  it('reads a rejection at the receiver level as the transaction reject with what to do', () => {
    const text = sample('271_005010X279A1', 'subscriber-health-benefit-check-error.271');
    // The public sample's SE02 (4323) does not match its ST02 (4321): the reader refuses it by name.
    expect(() => read271(text)).toThrow(/SE02 4323 does not match ST02 4321/);
    const [t] = read271(text.replace('SE*8*4323', 'SE*8*4321'));
    expect(t?.people).toEqual([]);
    expect(t?.reject).toEqual({ code: '50', text: expect.stringMatching(/enrol our NPI/) });
  });

  it('summarizes deductible remaining, coinsurance, inactive coverage and person-level rejections', () => {
    const b = (code: string, extra: object = {}) => ({
      code,
      level: 'IND',
      serviceTypes: ['30'],
      insuranceType: null,
      plan: null,
      period: null,
      amount: null,
      percent: null,
      inNetwork: null,
      ...extra,
    });
    expect(
      summarize({
        reject: null,
        benefits: [
          b('1', { plan: 'PPO GOLD' }),
          b('C', { level: 'FAM', period: '29', amount: 900 }),
          b('C', { period: '29', amount: 250 }),
          b('C', { period: '23', amount: 1000 }),
          b('A', { percent: 20 }),
          b('B', { amount: 50, inNetwork: 'N' }),
        ],
      }),
    ).toEqual({
      status: 'active',
      planName: 'PPO GOLD',
      copay: null,
      coinsurancePercent: 20,
      deductibleRemaining: 250,
      rejectReason: null,
    });
    expect(summarize({ reject: null, benefits: [b('6')] }).status).toBe('inactive');
    expect(summarize({ reject: { code: '72', text: 'invalid' }, benefits: [] })).toMatchObject({
      status: 'rejected',
      rejectReason: '72: invalid',
    });
  });

  it('refuses a file that is not a 271, naming the segment', () => {
    expect(() => read271(text270())).toThrow(/ST\) opens a 270 transaction/);
    expect(() => read271('hello')).toThrow(/ISA/);
  });

  it('reads a file holding two interchanges', () => {
    const one = sample('271_005010X279A1', 'subscriber-health-benefit-check.271');
    expect(read271(one + one)).toHaveLength(2);
  });

  it('reads EB08 as a percentage', () => {
    const text = sample('271_005010X279A1', 'subscriber-health-benefit-check.271').replace(
      'EB*L~',
      'EB*A*IND*30***23**0.2~',
    );
    const p = read271(text)[0]?.people[0];
    expect(p?.benefits.find((x) => x.code === 'A')?.percent).toBe(20);
    expect(elementValue(parseX12(text).segments[0] as never, 12)).toBe('00501');
  });
});
