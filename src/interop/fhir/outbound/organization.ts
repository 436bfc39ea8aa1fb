import type { Organization } from '@medplum/fhirtypes';
import { SYSTEMS } from './common.ts';

/** A facility (hospital, clinic) users belong to (access_facility). */
export interface OrganizationSource {
  id: string;
  code: string;
  name: string;
}

export function organizationToFhir(f: OrganizationSource): Organization {
  return {
    resourceType: 'Organization',
    id: f.id,
    identifier: [{ system: SYSTEMS.facility, value: f.code }],
    active: true,
    type: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/organization-type',
            code: 'prov',
            display: 'Healthcare Provider',
          },
        ],
      },
    ],
    name: f.name,
  };
}
