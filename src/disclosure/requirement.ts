import type { Purpose, RequesterType, SensitiveCategory } from './requester.ts';

export interface Requirement {
  /** A HIPAA authorization (164.508) must cover the release. */
  authorizationRequired: boolean;
  /** Why (or why not), with the rule, for the clerk's checklist. */
  basis: string;
  /** Psychotherapy notes present: a separate authorization naming them, always (164.508(a)(2)). */
  psychotherapyAuthorizationRequired: boolean;
  /** Part 2 records present: a Part 2 consent (42 CFR 2.31) is needed whatever HIPAA allows. */
  part2ConsentRequired: boolean;
  /** Minimum necessary applies (164.502(b)); not to treatment, the patient, authorizations or required by law. */
  minimumNecessary: boolean;
}

/** Purposes for which HIPAA permits release without an authorization (164.506, 164.512, 164.524). */
const NO_AUTHORIZATION: Partial<Record<Purpose, string>> = {
  'right-of-access': 'Right of access (45 CFR 164.524): the patient needs no authorization.',
  treatment: 'Treatment (45 CFR 164.506(c)).',
  payment: 'Payment (45 CFR 164.506(c)).',
  operations: 'Health care operations (45 CFR 164.506(c)).',
  'judicial-order':
    'Court or tribunal order (45 CFR 164.512(e)(1)(i)): release only what the order authorizes.',
  'law-enforcement': 'Law enforcement (45 CFR 164.512(f)), within its conditions.',
  'public-health': 'Public health activities (45 CFR 164.512(b)).',
  'health-oversight': 'Health oversight (45 CFR 164.512(d)).',
  'required-by-law': 'Required by law (45 CFR 164.512(a)).',
  'workers-compensation': "Workers' compensation (45 CFR 164.512(l)).",
};

/**
 * Decides what must be in hand before release. A subpoena without a court order is not a 164.512(e)(1)(i)
 * order: it needs satisfactory assurances or an authorization, so we require an authorization.
 */
export function releaseRequirement(
  requester: RequesterType,
  purpose: Purpose,
  categoriesPresent: readonly SensitiveCategory[],
): Requirement {
  const toPatient = requester === 'patient' && purpose === 'right-of-access';
  let exemptBasis = NO_AUTHORIZATION[purpose];
  if (purpose === 'right-of-access' && requester !== 'patient') exemptBasis = undefined;
  if (requester === 'subpoena' && purpose !== 'judicial-order') exemptBasis = undefined;
  const psychotherapy = categoriesPresent.includes('psychotherapy');
  const part2 = categoriesPresent.includes('substance_use_part2');
  const minimumNecessary = !(
    purpose === 'treatment' ||
    toPatient ||
    purpose === 'required-by-law' ||
    !exemptBasis
  );
  return {
    authorizationRequired: !exemptBasis,
    basis:
      exemptBasis ??
      'A valid authorization (45 CFR 164.508) is required: the purpose is not treatment, payment, operations, the patient, or a 164.512 category.',
    // The right of access excludes psychotherapy notes (164.524(a)(1)(i)); every other release of them
    // needs an authorization naming them.
    psychotherapyAuthorizationRequired: psychotherapy && !toPatient,
    part2ConsentRequired: part2 && !toPatient,
    minimumNecessary,
  };
}
