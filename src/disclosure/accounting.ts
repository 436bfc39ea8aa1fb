import type { Purpose, RequesterType } from './requester.ts';

/**
 * 45 CFR 164.528(a)(1): disclosures exempt from the accounting, by category; everything else a patient
 * may ask to see. The category is stored with each disclosure record.
 */
export type ExemptCategory =
  | 'tpo' // (i) treatment, payment, health care operations
  | 'to-individual' // (ii)
  | 'incidental' // (iii)
  | 'authorization' // (iv) pursuant to an authorization
  | 'directory-or-involved' // (v) 164.510
  | 'national-security' // (vi) 164.512(k)(2)
  | 'correctional-custody' // (vii) 164.512(k)(5)
  | 'limited-data-set'; // (viii)

export interface Accountability {
  accountable: boolean;
  exemptCategory: ExemptCategory | null;
  rule: string;
}

export function classifyDisclosure(
  requester: RequesterType,
  purpose: Purpose,
  underAuthorization: boolean,
): Accountability {
  if (requester === 'patient' && purpose === 'right-of-access') {
    return { accountable: false, exemptCategory: 'to-individual', rule: '164.528(a)(1)(ii)' };
  }
  if (underAuthorization)
    return { accountable: false, exemptCategory: 'authorization', rule: '164.528(a)(1)(iv)' };
  if (purpose === 'treatment' || purpose === 'payment' || purpose === 'operations') {
    return { accountable: false, exemptCategory: 'tpo', rule: '164.528(a)(1)(i)' };
  }
  // 164.512 disclosures (court orders, law enforcement, public health, oversight…) are accountable.
  return { accountable: true, exemptCategory: null, rule: '164.528(a)' };
}

/** The look-back window: up to six years before the request (or a shorter period the patient asks for). */
export function lookbackStart(requestDate: string, years = 6): string {
  const d = new Date(`${requestDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - Math.min(years, 6));
  return d.toISOString().slice(0, 10);
}

/** The first accounting in any 12-month period is free (164.528(c)(2)). */
export function accountingIsFree(previousRequestDates: string[], requestDate: string): boolean {
  const yearAgo = new Date(`${requestDate}T00:00:00Z`);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  const cutoff = yearAgo.toISOString().slice(0, 10);
  return !previousRequestDates.some((d) => d > cutoff && d <= requestDate);
}
