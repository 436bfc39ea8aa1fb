import { X12Interchange, X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import {
  type Batch837,
  type Claim837,
  IMPLEMENTATION,
  patientStatusCode,
  transaction837,
  x12Amount,
  x12Text,
} from './claim837.ts';
import { checkEnvelope, interchangeSegments } from './envelope.ts';
import { elementValue, parseX12, serialize } from './segment.ts';

const bp = {
  name: 'Synthetic Health Clinic',
  npi: '1234567893',
  taxonomy: '261QM1300X',
  taxId: '123456789',
  address: { line1: '100 Main Street', city: 'Springfield', state: 'IL', postalCode: '62701' },
};
const claim = (over: Partial<Claim837> = {}): Claim837 => ({
  type: 'I',
  patientControlNumber: 'CK0000000001',
  charge: 1500.5,
  frequencyCode: '1',
  originalReference: null,
  payerOrder: 'primary',
  serviceFrom: '2026-02-01',
  serviceTo: '2026-02-04',
  placeOfService: '21',
  diagnoses: [
    { code: 'J189', poa: 'Y' },
    { code: 'I10', poa: 'Y' },
  ],
  procedures: [{ code: '0BH17EZ', date: '2026-02-01' }],
  priorAuthNumber: 'AUTH-7',
  medicalRecordNumber: 'MRN1',
  subscriber: { memberId: 'M1', groupNumber: 'G1', name: 'Alex Parent', relationship: 'child' },
  patient: {
    familyName: 'Parent',
    givenName: 'Sam',
    birthDate: '2010-05-05',
    sex: 'M',
    address: { line1: '1 Elm St', city: 'Springfield', state: 'IL', postalCode: '62704' },
  },
  rendering: { name: 'Ann Attending', npi: '1987654328', taxonomy: '207R00000X' },
  admission: {
    admittedAt: '2026-02-01T08:15:00Z',
    dischargedAt: '2026-02-04T11:00:00Z',
    type: '1',
    source: '7',
    patientStatus: '01',
  },
  lines: [
    {
      lineNo: 1,
      controlNumber: 'L1',
      code: '99223',
      modifiers: [],
      units: 1,
      serviceDate: '2026-02-01',
      diagnosisPointers: [1],
      revenueCode: '0450',
      charge: 1500.5,
    },
  ],
  ...over,
});
const batch = (claims: Claim837[]): Batch837 => ({
  type: claims[0]?.type ?? 'I',
  reference: 'CK000000001',
  createdAt: new Date('2026-03-02T14:00:00Z'),
  submitter: { name: bp.name, id: bp.npi, contact: 'Billing Office', phone: '2175550100' },
  payer: { name: 'Synthetic Mutual', payerId: 'SYNM1', filingIndicator: 'CI' },
  billingProvider: bp,
  claims,
});
const write = (b: Batch837) =>
  serialize(
    interchangeSegments(
      {
        senderQualifier: 'ZZ',
        senderId: bp.npi,
        receiverQualifier: 'ZZ',
        receiverId: 'SYNM1',
        controlNumber: 42,
        date: b.createdAt,
        usage: 'T',
      },
      [
        {
          functionalId: 'HC',
          applicationSender: bp.npi,
          applicationReceiver: 'SYNM1',
          controlNumber: 42,
          version: IMPLEMENTATION[b.type],
          transactions: [
            { id: '837', controlNumber: '0001', version: IMPLEMENTATION[b.type], body: transaction837(b) },
          ],
        },
      ],
    ),
  );

describe('837I writer', () => {
  it('writes an institutional claim with statement dates, CL1, POA, ICD-10-PCS, attending and a patient HL', () => {
    const text = write(batch([claim()]));
    expect(new X12Parser(true).parse(text)).toBeInstanceOf(X12Interchange);
    const { segments } = parseX12(text);
    expect(checkEnvelope(segments)).toEqual([]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toContain('GS*HC*1234567893*SYNM1*20260302*1400*42*X*005010X223A2~');
    expect(lines).toContain('CLM*CK0000000001*1500.5***11:A:1**A*Y*I~');
    expect(lines).toContain('DTP*434*RD8*20260201-20260204~');
    expect(lines).toContain('DTP*435*DT*202602010815~');
    expect(lines).toContain('CL1*1*7*01~');
    expect(lines).toContain('HI*ABK:J189:::::::Y~');
    expect(lines).toContain('HI*BBR:0BH17EZ:D8:20260201~');
    expect(lines).toContain('NM1*71*1*ATTENDING*ANN****XX*1987654328~');
    expect(lines).toContain('SV2*0450*HC:99223*1500.5*UN*1~');
    expect(lines).toContain('REF*G1*AUTH-7~');
    // Patient is the subscriber's child: HL 22 has a child HL 23 with PAT*19.
    expect(lines).toContain('HL*2*1*22*1~');
    expect(lines).toContain('HL*3*2*23*0~');
    expect(lines).toContain('PAT*19~');
    expect(lines).toContain('SBR*P**G1******CI~');
  });

  it('leaves out the rendering loop when the billing provider renders, and writes REF*F8 on a replacement', () => {
    const text = write(
      batch([
        claim({
          type: 'P',
          frequencyCode: '7',
          originalReference: 'CK0000000000',
          rendering: { ...bp },
          subscriber: { memberId: 'M1', groupNumber: null, name: 'Sam Parent', relationship: 'self' },
        }),
      ]),
    );
    const { segments } = parseX12(text);
    expect(segments.some((s) => s.id === 'NM1' && elementValue(s, 1) === '82')).toBe(false);
    expect(segments.some((s) => s.id === 'HL' && elementValue(s, 3) === '23')).toBe(false);
    expect(text).toContain('REF*F8*CK0000000000~');
    expect(text).toContain('CLM*CK0000000001*1500.5***21:B:7*Y*A*Y*I~');
  });

  it('cleans text and amounts, and maps discharge dispositions', () => {
    expect(x12Text('José *O:Brien~')).toBe('JOSE O BRIEN');
    expect(x12Amount(120)).toBe('120');
    expect(x12Amount(12.5)).toBe('12.5');
    expect(patientStatusCode('Home')).toBe('01');
    expect(patientStatusCode('expired')).toBe('20');
    expect(patientStatusCode('03')).toBe('03');
  });
});
