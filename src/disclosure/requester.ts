/** Who asks for records, and why: the two facts that decide the rules of a release. */
export const REQUESTER_TYPES = [
  'patient', // the individual or a personal representative (right of access, 164.524)
  'treating-provider',
  'payer',
  'attorney',
  'court-order',
  'subpoena',
  'law-enforcement',
  'government-agency',
  'employer',
  'researcher',
] as const;
export type RequesterType = (typeof REQUESTER_TYPES)[number];

export const PURPOSES = [
  'right-of-access', // 164.524
  'treatment', // 164.506
  'payment',
  'operations',
  'legal', // litigation, attorney request
  'judicial-order', // 164.512(e) court or tribunal order
  'law-enforcement', // 164.512(f)
  'public-health', // 164.512(b)
  'health-oversight', // 164.512(d)
  'required-by-law', // 164.512(a)
  'workers-compensation', // 164.512(l)
  'research', // 164.512(i) or authorization
  'insurance-underwriting', // needs authorization
  'employment', // needs authorization
  'other',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Sensitive categories that carry extra release rules (labels on entries and documents). */
export const SENSITIVE_CATEGORIES = [
  'psychotherapy', // psychotherapy notes: 164.508(a)(2)
  'substance_use_part2', // 42 CFR Part 2
  'behavioral_health',
  'hiv_sti',
  'reproductive',
  'genetic',
] as const;
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];
