import { mapAllergy } from './allergy.ts';
import { mapBilling } from './billing.ts';
import { mapCondition } from './condition.ts';
import { mapCoverage } from './coverage.ts';
import { mapDocumentReference } from './document-reference.ts';
import { mapEncounter } from './encounter.ts';
import { type FhirIssue, isObj, type Json, str } from './fhir-values.ts';
import { mapImmunization } from './immunization.ts';
import { mapMedication } from './medication.ts';
import { mapObservation } from './observation.ts';
import { mapPatient } from './patient.ts';
import { mapProcedure } from './procedure.ts';
import { R4_RESOURCE_TYPES } from './resource-types.ts';
import type { MapOptions, MapOutcome } from './types.ts';

/**
 * Inbound FHIR R4 mappers: FHIR resource → domain write. Pure functions; the bulk importer and the REST
 * API's create and update both use them, so a resource means the same thing whichever way it arrives.
 */
export type { FhirIssue, Json } from './fhir-values.ts';
export { SSN_SYSTEM } from './patient.ts';
export { R4_RESOURCE_TYPES } from './resource-types.ts';
export type { EncounterImport, InboundTarget, InboundWrite, MapOptions, MapOutcome } from './types.ts';
export {
  mapAllergy,
  mapBilling,
  mapCondition,
  mapCoverage,
  mapDocumentReference,
  mapEncounter,
  mapImmunization,
  mapMedication,
  mapObservation,
  mapPatient,
  mapProcedure,
};

const MAPPERS: Record<string, (r: Json, opts: MapOptions) => MapOutcome> = {
  Patient: mapPatient,
  Encounter: mapEncounter,
  Condition: mapCondition,
  Observation: mapObservation,
  Procedure: mapProcedure,
  MedicationRequest: mapMedication,
  MedicationStatement: mapMedication,
  AllergyIntolerance: mapAllergy,
  Immunization: mapImmunization,
  DocumentReference: mapDocumentReference,
  Coverage: mapCoverage,
  Claim: mapBilling,
  ExplanationOfBenefit: mapBilling,
};

/** Resource types the record keeps. Patients and encounters first: other resources point at them. */
export const INBOUND_TYPES: readonly string[] = Object.keys(MAPPERS);

/** The result of `mapResource`: a write, a valid resource of a type the record does not keep, or issues. */
export type ResourceOutcome = MapOutcome | { ok: 'skipped'; resourceType: string };

/**
 * Maps one incoming resource. Unknown resource types and non-resources are issues; valid R4 types that
 * the record does not keep (Organization, Practitioner, CarePlan, …) are reported as skipped.
 * @example mapResource(JSON.parse(line), { today: '2026-03-02' })
 */
export function mapResource(resource: unknown, opts: MapOptions): ResourceOutcome {
  if (!isObj(resource)) return fail('', 'structure', 'is not a JSON object (a FHIR resource)');
  const type = str(resource.resourceType);
  if (!type) return fail('resourceType', 'required', 'resourceType is missing: this is not a FHIR resource');
  const mapper = MAPPERS[type];
  if (mapper) return mapper(resource, opts);
  if (R4_RESOURCE_TYPES.has(type)) return { ok: 'skipped', resourceType: type };
  return fail('resourceType', 'not-supported', `'${type.slice(0, 60)}' is not a FHIR R4 resource type`);
}

function fail(expression: string, code: FhirIssue['code'], message: string): MapOutcome {
  return { ok: false, issues: [{ expression: expression || 'Resource', code, message }] };
}
