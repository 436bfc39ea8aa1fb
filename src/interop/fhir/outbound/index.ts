import type { Resource } from '@medplum/fhirtypes';
import type { ChartEntry } from '../../../chart/index.ts';
import { allergyToFhir } from './allergy-intolerance.ts';
import { conditionToFhir } from './condition.ts';
import { medicationStatementToFhir } from './medication-statement.ts';
import { observationToFhir } from './observation.ts';
import { procedureToFhir } from './procedure.ts';

/**
 * Outbound mappers: domain API shapes → FHIR R4 resources. Pure functions, used by the REST facade and by
 * bulk export, so both publish the same resources.
 */
export { allergyToFhir, NO_KNOWN_ALLERGY } from './allergy-intolerance.ts';
export { type AuditEventSource, auditAction, auditEventToFhir } from './audit-event.ts';
export { SYSTEMS, US_CORE } from './common.ts';
export { conditionToFhir } from './condition.ts';
export { type CoverageSource, coverageToFhir } from './coverage.ts';
export { binaryToFhir, documentReferenceToFhir } from './document-reference.ts';
export { ENCOUNTER_CLASS, ENCOUNTER_STATUS, encounterToFhir } from './encounter.ts';
export { MEDICATION_STATUS, medicationStatementToFhir } from './medication-statement.ts';
export { isLoinc, observationToFhir } from './observation.ts';
export { type OrganizationSource, organizationToFhir } from './organization.ts';
export { identifierSystem, OMB_ETHNICITY, OMB_RACE, patientToFhir } from './patient.ts';
export { type PractitionerSource, practitionerToFhir } from './practitioner.ts';
export { procedureCodeSystem, procedureToFhir } from './procedure.ts';
export { provenanceId, provenanceToFhir, type VersionSource } from './provenance.ts';

/** Which FHIR resource type each chart entry kind publishes as; kinds not listed have no FHIR form yet. */
export const ENTRY_KIND_TYPES = {
  problem: 'Condition',
  diagnosis: 'Condition',
  result: 'Observation',
  procedure: 'Procedure',
  surgery: 'Procedure',
  medication: 'MedicationStatement',
  allergy: 'AllergyIntolerance',
  allergy_assertion: 'AllergyIntolerance',
} as const;
export type EntryResourceType = (typeof ENTRY_KIND_TYPES)[keyof typeof ENTRY_KIND_TYPES];

/** Kinds stored for each entry-backed FHIR type (search and read look only at these). */
export function kindsFor(type: EntryResourceType): string[] {
  return Object.entries(ENTRY_KIND_TYPES)
    .filter(([, t]) => t === type)
    .map(([k]) => k);
}

/** A chart entry as its FHIR resource, or undefined for kinds without one (notes, orders, social history…). */
export function entryToFhir(e: ChartEntry): Resource | undefined {
  switch (e.kind) {
    case 'problem':
    case 'diagnosis':
      return conditionToFhir(e);
    case 'result':
      return observationToFhir(e);
    case 'procedure':
    case 'surgery':
      return procedureToFhir(e);
    case 'medication':
      return medicationStatementToFhir(e);
    case 'allergy':
    case 'allergy_assertion':
      return allergyToFhir(e);
    default:
      return undefined;
  }
}
