import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { Claim837 } from '../x12/claim837.ts';
import { type Cms1500Input, cms1500Pdf, formText, insuranceType } from './cms1500.ts';

const line = (n: number, code: string, charge: number): Claim837['lines'][number] => ({
  lineNo: n,
  controlNumber: `L${n}`,
  code,
  modifiers: n === 1 ? ['25'] : [],
  units: 1,
  serviceDate: '2026-02-10',
  diagnosisPointers: n === 1 ? [1, 2] : [2],
  revenueCode: null,
  charge,
});

const claim: Claim837 = {
  type: 'P',
  patientControlNumber: 'CK0000004711',
  charge: 132,
  frequencyCode: '1',
  originalReference: null,
  payerOrder: 'primary',
  serviceFrom: '2026-02-10',
  serviceTo: '2026-02-10',
  placeOfService: '11',
  diagnoses: [{ code: 'E119' }, { code: 'I10' }],
  procedures: [],
  priorAuthNumber: 'SM-AUTH-4471',
  medicalRecordNumber: 'MRN1',
  subscriber: { memberId: 'SM-100200', groupNumber: 'G-77', name: 'Zoë Ştefan', relationship: 'self' },
  patient: {
    familyName: 'Ştefan',
    givenName: 'Zoë',
    birthDate: '1961-04-02',
    sex: 'F',
    address: { line1: '12 Elm Street', city: 'Springfield', state: 'IL', postalCode: '62704' },
  },
  rendering: { name: 'Test Physician', npi: '1987654328', taxonomy: '207Q00000X' },
  lines: [line(1, '99213', 120), line(2, '36415', 12)],
};

const input: Cms1500Input = {
  claim,
  payer: { name: 'Synthetic Mutual', payerId: 'SYNM1', filingIndicator: 'CI' },
  billingProvider: {
    name: 'Synthetic Health Clinic',
    npi: '1234567893',
    taxonomy: '261QM1300X',
    taxId: '123456789',
    address: {
      line1: '100 Main Street',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      phone: '2175550100',
    },
  },
  otherInsured: {
    name: 'Zoë Ştefan',
    memberId: 'MC-7788',
    groupNumber: null,
    planName: 'Synthetic Medicare',
  },
  amountPaid: 0,
  date: '2026-03-02',
};

async function pagesText(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  return (await extractText(doc, { mergePages: false })).text as string[];
}

describe('CMS-1500 (02/12)', () => {
  it('draws boxes 1–33 with our data, read back from the PDF', async () => {
    const [text = ''] = await pagesText(await cms1500Pdf(input));
    expect(text).toContain('HEALTH INSURANCE CLAIM FORM');
    for (let n = 1; n <= 33; n++) expect(text, `box ${n}`).toMatch(new RegExp(`(^|\\s|/)${n}[a-d]?\\.`, 'i'));
    expect(text).toContain('CK0000004711'); // 26 patient account no. (CLM01)
    expect(text).toContain('1234567893'); // 33a billing NPI
    expect(text).toContain('1987654328'); // 24J rendering NPI
    expect(text).toContain('132.00'); // 28 total charge
    expect(text).toContain('SM-100200'); // 1a insured's id
    expect(text).toContain('STEFAN, ZOE'); // 2 patient name, diacritics folded for the standard fonts
    expect(text).toContain('A. E119'); // 21 diagnosis A
    expect(text).toContain('99213 25'); // 24D with modifier
    expect(text).toContain('SM-AUTH-4471'); // 23 prior authorization
    expect(text).toContain('YES (COMPLETE ITEMS 9, 9A, 9D)'); // 11d another plan
    expect(text).toContain('SYNTHETIC MEDICARE'); // 9d
  });

  it('continues a claim of more than six lines on a second form with the total on the last', async () => {
    const lines = Array.from({ length: 8 }, (_, i) => line(i + 1, i % 2 ? '36415' : '99213', 10));
    const pages = await pagesText(await cms1500Pdf({ ...input, claim: { ...claim, lines, charge: 80 } }));
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('CONTINUED');
    expect(pages[0]).not.toContain('80.00');
    expect(pages[1]).toContain('80.00');
    expect(pages[1]).toContain('PAGE 2 OF 2');
  });

  it('maps the filing indicator to box 1 and keeps text drawable', () => {
    expect(insuranceType('MB')).toBe('MEDICARE');
    expect(insuranceType('CI')).toBe('GROUP HEALTH PLAN');
    expect(insuranceType('ZZ')).toBe('OTHER');
    expect(formText('Zoë 王')).toBe('ZOE ?');
  });
});
