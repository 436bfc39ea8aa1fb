import type { AllergyIntolerance } from '@medplum/fhirtypes';
import type { ChartEntry } from '../../../chart/index.ts';
import { codeable, compact, patientRef, SYSTEMS } from './common.ts';
import { dataOf, entryFrame } from './entry-common.ts';

interface AllergyData {
  substance: string;
  reaction?: string;
  severity: 'mild' | 'moderate' | 'severe';
  criticality: 'low' | 'high' | 'unable_to_assess';
  status: 'active' | 'inactive' | 'resolved';
}

/** SNOMED CT 716186003 "No known allergy" (US Core AllergyIntolerance guidance for NKA). */
export const NO_KNOWN_ALLERGY = { system: SYSTEMS.snomed, code: '716186003', display: 'No known allergy' };

/**
 * Allergies, and the explicit "no known allergies" statement, are AllergyIntolerance resources (R4
 * allergyintolerance.html). "Not asked" has no resource: absence of any is what says so.
 */
export function allergyToFhir(e: ChartEntry): AllergyIntolerance {
  const { encounter, ...frame } = entryFrame(e);
  const verification = codeable(
    SYSTEMS.allergyVerification,
    e.enteredInError ? 'entered-in-error' : 'confirmed',
  );
  const base = {
    resourceType: 'AllergyIntolerance' as const,
    ...frame,
    patient: patientRef(e.patientId),
    encounter,
  };
  if (e.kind === 'allergy_assertion') {
    return compact<AllergyIntolerance>({
      ...base,
      clinicalStatus: e.enteredInError ? undefined : codeable(SYSTEMS.allergyClinical, 'active'),
      verificationStatus: verification,
      code: { coding: [NO_KNOWN_ALLERGY], text: 'No known allergies' },
      recordedDate: e.createdAt,
    });
  }
  const a = dataOf<AllergyData>(e);
  return compact<AllergyIntolerance>({
    ...base,
    // R4 ait-2: clinicalStatus SHALL be absent when verificationStatus is entered-in-error.
    clinicalStatus: e.enteredInError ? undefined : codeable(SYSTEMS.allergyClinical, a.status),
    verificationStatus: verification,
    criticality: a.criticality === 'unable_to_assess' ? 'unable-to-assess' : a.criticality,
    code: { text: a.substance },
    recordedDate: e.createdAt,
    reaction: a.reaction ? [{ manifestation: [{ text: a.reaction }], severity: a.severity }] : undefined,
  });
}
