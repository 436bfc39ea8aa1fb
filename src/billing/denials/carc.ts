/**
 * Claim Adjustment Reason Codes (CARC) and Remittance Advice Remark Codes (RARC) as the denials queue
 * shows them: a short description, the category a biller works them by and the action to take.
 * Descriptions paraphrase the X12 external code lists (x12.org/codes, updated three times a year); a
 * code not listed here shows as its number with the category `other`.
 */

export const DENIAL_CATEGORIES = [
  'eligibility',
  'authorization',
  'coding',
  'bundling',
  'medical_necessity',
  'non_covered',
  'missing_information',
  'timely_filing',
  'duplicate',
  'coordination_of_benefits',
  'provider',
  'pricing',
  'other',
] as const;
export type DenialCategory = (typeof DENIAL_CATEGORIES)[number];

interface CarcEntry {
  text: string;
  category: DenialCategory;
}

/** Common CARCs (the ones most denials carry); see ../shared/reference/x12.md §4.3. */
export const CARC: Record<string, CarcEntry> = {
  '4': {
    text: 'The procedure code is inconsistent with the modifier used, or a modifier is missing',
    category: 'coding',
  },
  '5': {
    text: 'The procedure code or bill type is inconsistent with the place of service',
    category: 'coding',
  },
  '6': { text: 'The procedure or revenue code is inconsistent with the patient’s age', category: 'coding' },
  '7': { text: 'The procedure or revenue code is inconsistent with the patient’s sex', category: 'coding' },
  '8': { text: 'The procedure code is inconsistent with the provider type or specialty', category: 'coding' },
  '9': { text: 'The diagnosis is inconsistent with the patient’s age', category: 'coding' },
  '10': { text: 'The diagnosis is inconsistent with the patient’s sex', category: 'coding' },
  '11': { text: 'The diagnosis is inconsistent with the procedure', category: 'coding' },
  '15': {
    text: 'The authorization number is missing, invalid, or does not apply to the service',
    category: 'authorization',
  },
  '16': {
    text: 'The claim or service lacks information or has submission/billing errors',
    category: 'missing_information',
  },
  '18': { text: 'Exact duplicate claim or service', category: 'duplicate' },
  '22': {
    text: 'This care may be covered by another payer per coordination of benefits',
    category: 'coordination_of_benefits',
  },
  '23': {
    text: 'The impact of prior payer(s) adjudication including payments and/or adjustments',
    category: 'coordination_of_benefits',
  },
  '24': {
    text: 'Charges are covered under a capitation agreement or managed care plan',
    category: 'eligibility',
  },
  '26': { text: 'Expenses incurred before coverage', category: 'eligibility' },
  '27': { text: 'Expenses incurred after coverage terminated', category: 'eligibility' },
  '29': { text: 'The time limit for filing has expired', category: 'timely_filing' },
  '31': { text: 'The patient cannot be identified as our insured', category: 'eligibility' },
  '35': { text: 'Lifetime benefit maximum has been reached', category: 'non_covered' },
  '39': {
    text: 'Services denied at the time authorization/pre-certification was requested',
    category: 'authorization',
  },
  '45': {
    text: 'Charge exceeds fee schedule/maximum allowable or contracted fee arrangement',
    category: 'pricing',
  },
  '49': { text: 'A routine or preventive service not covered by this payer', category: 'non_covered' },
  '50': {
    text: 'Non-covered service: the payer does not deem it a medical necessity',
    category: 'medical_necessity',
  },
  '55': {
    text: 'Procedure, drug or treatment deemed experimental/investigational by the payer',
    category: 'medical_necessity',
  },
  '96': { text: 'Non-covered charge(s)', category: 'non_covered' },
  '97': {
    text: 'The benefit for this service is included in the payment for another service already adjudicated',
    category: 'bundling',
  },
  '109': {
    text: 'Claim or service not covered by this payer/contractor; send it to the correct payer',
    category: 'eligibility',
  },
  '119': {
    text: 'Benefit maximum for this time period or occurrence has been reached',
    category: 'non_covered',
  },
  '146': { text: 'The diagnosis was invalid for the date(s) of service reported', category: 'coding' },
  '150': {
    text: 'The information submitted does not support this level of service',
    category: 'medical_necessity',
  },
  '167': { text: 'This diagnosis is not covered', category: 'medical_necessity' },
  '170': {
    text: 'Payment is denied when performed or billed by this type of provider',
    category: 'provider',
  },
  '177': { text: 'The patient has not met the required eligibility requirements', category: 'eligibility' },
  '181': { text: 'The procedure code was invalid on the date of service', category: 'coding' },
  '182': { text: 'The procedure modifier was invalid on the date of service', category: 'coding' },
  '185': {
    text: 'The rendering provider is not eligible to perform the service billed',
    category: 'provider',
  },
  '189': { text: 'An unlisted procedure code was billed when there is a specific code', category: 'coding' },
  '197': {
    text: 'Precertification, authorization, notification or pre-treatment absent',
    category: 'authorization',
  },
  '198': {
    text: 'Precertification, notification, authorization or pre-treatment exceeded',
    category: 'authorization',
  },
  '199': { text: 'The revenue code and procedure code do not match', category: 'coding' },
  '204': {
    text: 'This service is not covered under the patient’s current benefit plan',
    category: 'non_covered',
  },
  '226': {
    text: 'Information requested from the billing/rendering provider was not provided or was insufficient',
    category: 'missing_information',
  },
  '234': { text: 'This procedure is not paid separately', category: 'bundling' },
  '236': {
    text: 'This procedure or procedure/modifier combination is not compatible with another procedure on the same day',
    category: 'bundling',
  },
  '242': { text: 'Services not provided by network/primary care providers', category: 'provider' },
  '252': {
    text: 'An attachment or other documentation is required to adjudicate this claim',
    category: 'missing_information',
  },
  '288': { text: 'Referral absent', category: 'authorization' },
};

/** Common RARCs (LQ*HE, MOA, MIA) that say what the payer needs. */
export const RARC: Record<string, string> = {
  M15: 'Separately billed services/tests have been bundled as they are considered components of the same procedure',
  M51: 'Missing, incomplete or invalid procedure code(s)',
  M76: 'Missing, incomplete or invalid diagnosis or condition',
  M127: 'Missing patient medical record for this service',
  MA04: 'Secondary payment cannot be considered without the identity of, or payment information from, the primary payer',
  MA130:
    'The claim contains incomplete and/or invalid information; no appeal rights are afforded — submit a new claim',
  N4: 'Missing, incomplete or invalid prior insurance carrier EOB',
  N20: 'Service not payable with other service rendered on the same date',
  N30: 'Patient ineligible for this service',
  N54: 'Claim information is inconsistent with pre-certified/authorized services',
  N56: 'Procedure code billed is not correct/valid for the services billed or the date of service billed',
  N115: 'This decision was based on a Local Coverage Determination (LCD)',
  N130: 'Consult plan benefit documents/guidelines for information about restrictions for this service',
  N211: 'You may not appeal this decision',
  N290: 'Missing, incomplete or invalid rendering provider primary identifier',
  N362: 'The number of days or units of service exceeds the acceptable maximum',
  N479: 'Missing explanation of benefits (coordination of benefits or Medicare secondary payer)',
  N517: 'Resubmit a new claim with the requested information',
};

/** What to do about a denial of each category (shown as the suggested action). */
export const SUGGESTED_ACTION: Record<DenialCategory, string> = {
  eligibility:
    'Verify the patient’s coverage for the date of service (eligibility 270/271); correct the subscriber or bill the right payer, or bill the patient.',
  authorization:
    'Find the prior authorization for this service; if it was approved, send a corrected claim with its number (REF*G1); else appeal with the clinical records or request a retro-authorization.',
  coding:
    'Review the codes with coding (modifier, diagnosis, date validity); send a corrected claim (frequency 7) once fixed.',
  bundling:
    'Check the NCCI edits: add a distinct-service modifier (59/XU) if the services were separate and send a corrected claim, else accept the adjustment.',
  medical_necessity:
    'Appeal with the records that document medical necessity (notes, results), or check the payer’s coverage policy for the diagnosis.',
  non_covered:
    'The service is not covered by the plan: bill the patient if an advance notice (ABN) was signed, else write it off.',
  missing_information:
    'Read the remark codes for what is missing, then send a corrected claim (frequency 7) or the requested documentation.',
  timely_filing:
    'Find proof of timely filing (the 999/277CA acceptance of the first submission) and appeal with it; otherwise write it off.',
  duplicate:
    'Check whether the original claim was paid; if so, close this one. If the services were distinct, send a corrected claim with modifiers.',
  coordination_of_benefits:
    'Bill the primary payer first, or send the primary’s remittance with the claim (COB loops 2320/2430).',
  provider:
    'Check the rendering provider’s enrollment and network status with the payer; correct the rendering provider and resubmit.',
  pricing:
    'Compare the payment with the contract rate; appeal underpayments with the contract terms, else accept the contractual adjustment.',
  other:
    'Read the reason and remark codes and the payer’s explanation; appeal or correct the claim as they direct.',
};

/** The category of a denial from its CAS group and reason (CARC). */
export function denialCategory(reason: string): DenialCategory {
  return CARC[reason]?.category ?? 'other';
}

/** The CARCs of one category (for filtering the queue in SQL); `other` is every code not listed. */
export function reasonsOf(category: DenialCategory): string[] {
  return Object.entries(CARC)
    .filter(([, e]) => e.category === category)
    .map(([code]) => code);
}

export const KNOWN_REASONS = Object.keys(CARC);

/** The description of a CARC, with the CAS group's meaning (x12.md §4.3). */
export function reasonText(group: string, reason: string): string {
  const groups: Record<string, string> = {
    CO: 'Contractual obligation',
    PR: 'Patient responsibility',
    OA: 'Other adjustment',
    PI: 'Payer-initiated reduction',
    CR: 'Correction/reversal',
  };
  return `${groups[group] ?? group} ${reason}: ${CARC[reason]?.text ?? 'reason code not in the local list (see the X12 CARC list)'}`;
}

export const remarkText = (code: string): string => RARC[code] ?? 'remark code not in the local list';

export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '91-120', '120+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Whole days between two ISO dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round(
    (Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );
}

/** The aging bucket of a denial `days` old (0–30, 31–60, 61–90, 91–120, over 120). */
export function agingBucket(days: number): AgingBucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  if (days <= 120) return '91-120';
  return '120+';
}

/** The inclusive range of ages (days) of a bucket, for filtering in SQL. */
export function bucketRange(b: AgingBucket): { min: number; max: number | null } {
  const ranges: Record<AgingBucket, { min: number; max: number | null }> = {
    '0-30': { min: 0, max: 30 },
    '31-60': { min: 31, max: 60 },
    '61-90': { min: 61, max: 90 },
    '91-120': { min: 91, max: 120 },
    '120+': { min: 121, max: null },
  };
  return ranges[b];
}
