import { encounterRefOf, entryOutcome, patientRefOf } from './entry.ts';
import { arr, codeIn, IssueList, isObj, type Json, obj, str, textOf } from './fhir-values.ts';
import type { MapOutcome } from './types.ts';

/** SNOMED CT 716186003 "No known allergy": a statement, kept as the chart's no-known-allergies assertion. */
const NO_KNOWN_ALLERGY = '716186003';
const CLINICAL = { active: 'active', inactive: 'inactive', resolved: 'resolved' } as const;
const CRITICALITY = { low: 'low', high: 'high', 'unable-to-assess': 'unable_to_assess' } as const;
const SEVERITY = { mild: 'mild', moderate: 'moderate', severe: 'severe' } as const;
const VERIFICATION = ['unconfirmed', 'confirmed', 'refuted', 'entered-in-error'];

/**
 * FHIR AllergyIntolerance → an allergy (substance, first reaction, severity, criticality, status). A
 * missing criticality is recorded as unable to assess, which is what its absence means.
 */
export function mapAllergy(r: Json): MapOutcome {
  const list = new IssueList('AllergyIntolerance');
  if (typeof r.clinicalStatus === 'string')
    list.add(
      'clinicalStatus',
      'structure',
      'is a code string: this looks like FHIR STU3 (R4 uses a CodeableConcept)',
    );
  const patientRef = patientRefOf(r, list, 'patient');
  const verification = codeIn(r.verificationStatus);
  if (verification && !VERIFICATION.includes(verification))
    list.add(
      'verificationStatus',
      'code-invalid',
      `'${verification}' is not one of ${VERIFICATION.join(', ')}`,
    );
  if (verification === 'refuted')
    list.add('verificationStatus', 'business-rule', 'a refuted allergy is not recorded');
  const enteredInError = verification === 'entered-in-error';
  const encounterRef = encounterRefOf(r);
  if (codeIn(r.code, 'http://snomed.info/sct') === NO_KNOWN_ALLERGY)
    return entryOutcome(
      list,
      {
        kind: 'allergy_assertion',
        data: { assertion: 'no_known_allergies' },
        patientRef,
        encounterRef,
        enteredInError,
      },
      {},
    );
  const reaction = arr(r.reaction).filter(isObj)[0];
  const clinical = codeIn(r.clinicalStatus);
  return entryOutcome(
    list,
    {
      kind: 'allergy',
      data: {
        substance: textOf(r.code)?.slice(0, 200) ?? textOf(obj(reaction)?.substance)?.slice(0, 200),
        reaction:
          arr(reaction?.manifestation).map(textOf).filter(Boolean).join(', ').slice(0, 500) || undefined,
        severity: list.code('reaction.severity', str(reaction?.severity), SEVERITY),
        criticality: list.code('criticality', str(r.criticality) ?? 'unable-to-assess', CRITICALITY),
        status: clinical ? list.code('clinicalStatus', clinical, CLINICAL) : 'active',
      },
      patientRef,
      encounterRef,
      enteredInError,
    },
    {
      substance: 'code',
      status: 'clinicalStatus',
      criticality: 'criticality',
      severity: 'reaction.severity',
    },
  );
}
