import type { FhirCapabilityResource } from '../../kernel/routing.ts';
import { ADMIN_PARAMS } from './admin.routes.ts';
import { CLAIM_PARAMS } from './claims.service.ts';
import { CLINICAL_PARAMS, type ClinicalType } from './clinical-search.ts';
import { PATIENT_PARAMS } from './patient-search.ts';

/** Types that take create and update through a domain write (issue 8). */
export const WRITABLE: ReadonlySet<string> = new Set([
  'Patient',
  'Encounter',
  'Condition',
  'Observation',
  'AllergyIntolerance',
  'MedicationStatement',
]);

const READS = ['read', 'vread', 'history-instance', 'search-type'];
/** Coverage is added, never rewritten (docs/patients.md), so it takes create but not update. */
export const CREATE_ONLY: ReadonlySet<string> = new Set(['Coverage']);
const interactions = (type: string) =>
  [...READS, ...(WRITABLE.has(type) ? ['create', 'update'] : CREATE_ONLY.has(type) ? ['create'] : [])].map(
    (code) => ({
      code,
    }),
  );
const params = (list: readonly { name: string; type: string }[]) =>
  list.map((p) => ({ name: p.name, type: p.type }));

/**
 * CapabilityStatement rest.resource entries for exactly what the facade answers; a test calls every
 * interaction and search parameter listed here.
 */
export function fhirCapabilities(): FhirCapabilityResource[] {
  return [
    {
      type: 'Patient',
      interaction: interactions('Patient'),
      searchParam: params(PATIENT_PARAMS),
      operation: [
        { name: 'match', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-match' },
        { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' },
      ],
    },
    ...(Object.keys(CLINICAL_PARAMS) as ClinicalType[]).map((type) => ({
      type,
      interaction: interactions(type),
      searchParam: params(CLINICAL_PARAMS[type]),
    })),
    { type: 'Binary', interaction: [{ code: 'read' }] },
    ...(Object.keys(ADMIN_PARAMS) as (keyof typeof ADMIN_PARAMS)[]).map((type) => ({
      type,
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: params(ADMIN_PARAMS[type]),
    })),
    // Issue 13: the biller's claims, payer answers and EOBs, read-only (billing:read).
    ...(Object.keys(CLAIM_PARAMS) as (keyof typeof CLAIM_PARAMS)[]).map((type) => ({
      type,
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: params(CLAIM_PARAMS[type]),
    })),
  ];
}
