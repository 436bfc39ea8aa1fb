import type { EncounterForBilling } from '../chart/index.ts';
import type { FinalCoding } from '../coding/index.ts';

export interface FeeForPricing {
  facility: string;
  code: string;
  modifier: string;
  revenue_code: string;
  price: string;
  effective_from: string;
  effective_to: string | null;
}

export interface CapturedLine {
  lineNo: number;
  codeSystem: 'cpt' | 'hcpcs';
  code: string;
  modifiers: string[];
  units: number;
  serviceDate: string;
  diagnosisPointers: number[];
  placeOfService: string | null;
  revenueCode: string | null;
  renderingUserId: string | null;
  amount: number;
}

/**
 * The fee in force on the date of service: the row with the line's first modifier, else the code's
 * unmodified row (a modifier such as 25 rarely changes the price).
 */
export function priceFor(
  fees: FeeForPricing[],
  code: string,
  modifier: string,
  date: string,
): FeeForPricing | null {
  const inForce = (f: FeeForPricing) =>
    f.code === code && f.effective_from <= date && (f.effective_to === null || f.effective_to >= date);
  const candidates = fees.filter(inForce).sort((a, b) => b.effective_from.localeCompare(a.effective_from));
  return candidates.find((f) => f.modifier === modifier) ?? candidates.find((f) => f.modifier === '') ?? null;
}

/**
 * CMS place-of-service code (837P SV105 / CLM05-1): 11 office for clinic visits, 21 inpatient hospital.
 * Institutional claims carry revenue codes instead.
 */
export const placeOfService = (enc: EncounterForBilling): string => (enc.class === 'inpatient' ? '21' : '11');

const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * The charge lines of a final coded encounter: every CPT/HCPCS procedure and every drug (HCPCS J-code)
 * becomes a line; ICD-10-PCS procedures are not charge lines (they go on the 837I HI segment). Each line
 * points at the first four diagnoses in coded order (837P allows four pointers per line, X222A1 SV107).
 */
export function chargeLines(
  coding: FinalCoding,
  enc: EncounterForBilling,
  fees: FeeForPricing[],
): CapturedLine[] {
  const day = enc.startsAt.slice(0, 10);
  const pointers = coding.diagnoses.slice(0, 4).map((_, i) => i + 1);
  const items = [
    ...coding.procedures
      .filter((p) => p.system !== 'icd10pcs')
      .map((p) => ({
        system: p.system as 'cpt' | 'hcpcs',
        code: p.code,
        modifiers: p.modifiers,
        units: p.units,
        date: p.date,
      })),
    ...coding.drugs.map((d) => ({
      system: 'hcpcs' as const,
      code: d.code,
      modifiers: [] as string[],
      units: d.units,
      date: d.date,
    })),
  ];
  return items.map((it, i) => {
    const date = it.date ?? day;
    const fee = priceFor(fees, it.code.toUpperCase(), it.modifiers[0] ?? '', date);
    return {
      lineNo: i + 1,
      codeSystem: it.system,
      code: it.code.toUpperCase(),
      modifiers: it.modifiers,
      units: it.units,
      serviceDate: date,
      diagnosisPointers: pointers,
      placeOfService: placeOfService(enc),
      revenueCode: fee?.revenue_code || null,
      renderingUserId: enc.providerId,
      amount: fee ? cents(Number(fee.price) * it.units) : 0,
    };
  });
}
