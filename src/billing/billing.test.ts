import { describe, expect, it } from 'vitest';
import type { EncounterForBilling } from '../chart/index.ts';
import type { FinalCoding } from '../coding/index.ts';
import { chargeLines, type FeeForPricing, priceFor } from './charge-capture.ts';
import { parseCsv } from './csv.ts';
import { readFeeFile } from './fee-file.ts';
import { readPayerFile } from './payer-file.ts';

const fee = (code: string, price: string, over: Partial<FeeForPricing> = {}): FeeForPricing => ({
  facility: '',
  code,
  modifier: '',
  revenue_code: '0510',
  price,
  effective_from: '2026-01-01',
  effective_to: null,
  ...over,
});

describe('csv', () => {
  it('reads quoted fields with commas, doubled quotes and CRLF, keeping line numbers', () => {
    const r = parseCsv('Code,Description\r\n99213,"Visit, ""established"""\r\n\r\n36415,Draw\n');
    expect(r.header).toEqual(['code', 'description']);
    expect(r.rows).toEqual([
      { line: 2, cells: ['99213', 'Visit, "established"'] },
      { line: 4, cells: ['36415', 'Draw'] },
    ]);
  });
});

describe('fee file', () => {
  it('names every bad value with its line and field', () => {
    try {
      readFeeFile('code,price,effective_from,modifier\n99213,12x,2026-01-01,\n99214,10,2026-13-45,XYZ\n');
      expect.unreachable();
    } catch (e) {
      const problems = (e as { details: { problems: { line: number; field: string }[] } }).details.problems;
      expect(problems.map((p) => `${p.line}:${p.field}`)).toEqual([
        '2:price',
        '3:modifier',
        '3:effective_from',
      ]);
    }
  });

  it('refuses a repeated row for the same code, modifier and date', () => {
    expect(() => readFeeFile('code,price,effective_from\n99213,1,2026-01-01\n99213,2,2026-01-01\n')).toThrow(
      /line 3/,
    );
  });
});

describe('payer file', () => {
  it('reads prior-authorization codes and refuses an unknown filing indicator', () => {
    expect(readPayerFile('payer_id,name,filing_indicator,prior_auth_codes\nP1,One,ci,71046;20610\n')).toEqual(
      [
        {
          payerId: 'P1',
          name: 'One',
          filingIndicator: 'CI',
          planType: 'commercial',
          timelyFilingDays: 365,
          priorAuthCodes: ['71046', '20610'],
        },
      ],
    );
    expect(() => readPayerFile('payer_id,name,filing_indicator\nP1,One,XX\n')).toThrow(
      /Line 2 \(filing_indicator\)/,
    );
  });
});

describe('pricing', () => {
  const fees = [
    fee('99213', '100.00', { effective_to: '2025-12-31', effective_from: '2025-01-01' }),
    fee('99213', '120.00'),
    fee('99214', '175.00'),
    fee('99214', '190.00', { modifier: '25' }),
  ];
  it('takes the price in force on the date of service, with the modifier row when there is one', () => {
    expect(priceFor(fees, '99213', '', '2025-06-01')?.price).toBe('100.00');
    expect(priceFor(fees, '99213', '', '2026-06-01')?.price).toBe('120.00');
    expect(priceFor(fees, '99214', '25', '2026-06-01')?.price).toBe('190.00');
    expect(priceFor(fees, '99214', '59', '2026-06-01')?.price).toBe('175.00');
    expect(priceFor(fees, '99215', '', '2026-06-01')).toBeNull();
  });

  it('makes lines from CPT/HCPCS procedures and drugs (not ICD-10-PCS) with at most four pointers', () => {
    const coding: FinalCoding = {
      encounterId: 'e',
      patientId: 'p',
      version: 2,
      finalizedAt: '2026-02-11T00:00:00Z',
      diagnoses: [1, 2, 3, 4, 5].map((n) => ({ code: `E11${n}`, sequence: n })),
      procedures: [
        { system: 'cpt', code: '99213', modifiers: [], units: 1 },
        { system: 'icd10pcs', code: '0DTJ4ZZ', modifiers: [], units: 1 },
      ],
      drugs: [{ code: 'J1100', units: 4 }],
    };
    const enc: EncounterForBilling = {
      id: 'e',
      patientId: 'p',
      class: 'appointment',
      type: null,
      location: null,
      startsAt: '2026-02-10T09:30:00Z',
      dischargedAt: null,
      dischargeDisposition: null,
      providerId: 'u',
    };
    const lines = chargeLines(coding, enc, [...fees, fee('J1100', '8.50', { revenue_code: '0636' })]);
    expect(lines.map((l) => [l.lineNo, l.code, l.amount, l.revenueCode])).toEqual([
      [1, '99213', 120, '0510'],
      [2, 'J1100', 34, '0636'],
    ]);
    expect(lines[0]).toMatchObject({
      diagnosisPointers: [1, 2, 3, 4],
      placeOfService: '11',
      serviceDate: '2026-02-10',
    });
  });
});
