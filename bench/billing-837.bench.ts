import { type Batch837, type Claim837, IMPLEMENTATION, transaction837 } from '../src/billing/x12/claim837.ts';
import { checkEnvelope, interchangeSegments } from '../src/billing/x12/envelope.ts';
import { parseX12, serialize } from '../src/billing/x12/segment.ts';
import type { Figure } from './lib.ts';

/**
 * The 837 writer alone (issue 13's "build and scrub 10,000 claims and write them as 837 ≤ 5 s" covers the
 * database part too; this figure is the writing share): 10,000 synthetic professional claims of 3 lines.
 */
export async function run(): Promise<Figure[]> {
  const bp = {
    name: 'Synthetic Health Clinic',
    npi: '1234567893',
    taxonomy: '261QM1300X',
    taxId: '123456789',
    address: { line1: '100 Main Street', city: 'Springfield', state: 'IL', postalCode: '62701' },
  };
  const claims: Claim837[] = Array.from({ length: 10_000 }, (_, i) => ({
    type: 'P',
    patientControlNumber: `CK${String(i + 1).padStart(10, '0')}`,
    charge: 180,
    frequencyCode: '1',
    originalReference: null,
    payerOrder: 'primary',
    serviceFrom: '2026-02-10',
    serviceTo: '2026-02-10',
    placeOfService: '11',
    diagnoses: [{ code: 'E119' }, { code: 'I10' }],
    procedures: [],
    priorAuthNumber: null,
    medicalRecordNumber: `MRN${i}`,
    subscriber: { memberId: `M${i}`, groupNumber: 'G1', name: 'Pat Synthetic', relationship: 'self' },
    patient: {
      familyName: `Synthetic${i}`,
      givenName: 'Pat',
      birthDate: '1961-04-02',
      sex: 'F',
      address: { line1: '12 Elm Street', city: 'Springfield', state: 'IL', postalCode: '62704' },
    },
    rendering: { name: 'Test Physician', npi: '1987654328', taxonomy: '207Q00000X' },
    lines: [1, 2, 3].map((n) => ({
      lineNo: n,
      controlNumber: `L${i}-${n}`,
      code: ['99213', '36415', '93000'][n - 1] as string,
      modifiers: [],
      units: 1,
      serviceDate: '2026-02-10',
      diagnosisPointers: [1, 2],
      revenueCode: null,
      charge: 60,
    })),
  }));
  const b: Batch837 = {
    type: 'P',
    reference: 'BENCH',
    createdAt: new Date(),
    submitter: { name: bp.name, id: bp.npi, contact: 'BILLING', phone: '2175550100' },
    payer: { name: 'Synthetic Mutual', payerId: 'SYNM1', filingIndicator: 'CI' },
    billingProvider: bp,
    claims,
  };
  const t0 = performance.now();
  const text = serialize(
    interchangeSegments(
      {
        senderQualifier: 'ZZ',
        senderId: bp.npi,
        receiverQualifier: 'ZZ',
        receiverId: 'SYNM1',
        controlNumber: 1,
        date: new Date(),
        usage: 'T',
      },
      [
        {
          functionalId: 'HC',
          applicationSender: bp.npi,
          applicationReceiver: 'SYNM1',
          controlNumber: 1,
          version: IMPLEMENTATION.P,
          transactions: [
            { id: '837', controlNumber: '0001', version: IMPLEMENTATION.P, body: transaction837(b) },
          ],
        },
      ],
    ),
  );
  const write = performance.now() - t0;
  const t1 = performance.now();
  const problems = checkEnvelope(parseX12(text).segments);
  const read = performance.now() - t1;
  if (problems.length > 0) throw new Error(problems.join('; '));
  return [
    {
      name: 'write 10,000 claims as one 837P',
      value: Math.round(write),
      unit: 'ms',
      target: 'share of ≤ 5 s',
    },
    { name: 'parse it back and check counts', value: Math.round(read), unit: 'ms' },
    { name: 'file size', value: Math.round(text.length / 1024), unit: 'KiB' },
  ];
}
