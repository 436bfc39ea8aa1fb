import { encounterRefOf, entryOutcome, patientRefOf } from './entry.ts';
import { codeIn, dateOf, IssueList, type Json, textOf } from './fhir-values.ts';
import type { MapOutcome } from './types.ts';

const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
/** Condition.clinicalStatus (R4 condition-clinical) → problem status. */
const CLINICAL: Record<string, 'active' | 'inactive' | 'resolved'> = {
  active: 'active',
  recurrence: 'active',
  relapse: 'active',
  inactive: 'inactive',
  remission: 'resolved',
  resolved: 'resolved',
};
const VERIFICATION = [
  'unconfirmed',
  'provisional',
  'differential',
  'confirmed',
  'refuted',
  'entered-in-error',
];

/** FHIR Condition → a problem in the history (its ICD-10-CM code kept when the source sent one). */
export function mapCondition(r: Json): MapOutcome {
  const list = new IssueList('Condition');
  if (typeof r.clinicalStatus === 'string')
    list.add(
      'clinicalStatus',
      'structure',
      'is a code string: this looks like FHIR STU3 (R4 uses a CodeableConcept)',
    );
  const patientRef = patientRefOf(r, list);
  const verification = codeIn(r.verificationStatus);
  if (verification && !VERIFICATION.includes(verification))
    list.add(
      'verificationStatus',
      'code-invalid',
      `'${verification}' is not one of ${VERIFICATION.join(', ')}`,
    );
  if (verification === 'refuted')
    list.add('verificationStatus', 'business-rule', 'a refuted condition is not a problem; not recorded');
  const clinical = codeIn(r.clinicalStatus);
  const abatement = dateOf(r.abatementDateTime);
  const status = clinical
    ? list.code('clinicalStatus', clinical, CLINICAL)
    : abatement
      ? 'resolved'
      : 'active';
  const icd = codeIn(r.code, ICD10CM);
  return entryOutcome(
    list,
    {
      kind: 'problem',
      data: {
        description: textOf(r.code)?.slice(0, 500),
        code: icd && /^[A-TV-Z][0-9][0-9AB]\.?[0-9A-Z]{0,4}$/i.test(icd) ? formatIcd(icd) : undefined,
        onsetDate: dateOf(r.onsetDateTime) ?? dateOf((r.onsetPeriod as Json | undefined)?.start),
        resolvedDate: abatement,
        status,
      },
      patientRef,
      encounterRef: encounterRefOf(r),
      enteredInError: verification === 'entered-in-error',
    },
    {
      description: 'code',
      code: 'code',
      onsetDate: 'onsetDateTime',
      resolvedDate: 'abatementDateTime',
      status: 'clinicalStatus',
    },
  );
}

/** ICD-10-CM codes with their dot after the third character (E119 → E11.9). */
function formatIcd(code: string): string {
  const c = code.toUpperCase().replace('.', '');
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}
